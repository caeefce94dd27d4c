using Finsam.Audit.Recording;
using Finsam.Audit.Searching;
using Finsam.Audit.Verifying;
using Finsam.ServiceDefaults;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Messaging;
using MassTransit;

namespace Finsam.Audit;

/// <summary>Records every data share, view and denial, tamper-evidently, and answers auditors.</summary>
public sealed class AuditService : IFinsamService
{
    public static string Name => "audit";
}

public static class AuditServiceExtensions
{
    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<AuditService>();
        builder.Services.AddSingleton<AuditLog>();
        return builder;
    }

    public static IBusRegistrationConfigurator AddAuditConsumers(this IBusRegistrationConfigurator bus) => bus
        .AddServiceConsumer<AuditService, DataShareConsumer>()
        .AddServiceConsumer<AuditService, AccessRecordedConsumer>()
        .AddServiceConsumer<AuditService, ConsentGrantedConsumer>()
        .AddServiceConsumer<AuditService, ConsentRevokedConsumer>();

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/audit")
            .RequireGrant(AuditService.Name, "gateway")
            .WithTags("Audit service");
        audit.MapSearchRecords();
        audit.MapVerify();
        return app;
    }
}
