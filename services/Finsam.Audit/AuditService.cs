using Finsam.ServiceDefaults.Disclosures;
using Finsam.Audit.Checkpoints;
using Finsam.Audit.Exporting;
using Finsam.Audit.Proofs;
using Finsam.Transparency;
using Finsam.Audit.Recording;
using Finsam.Audit.Reviewing;
using Finsam.Audit.Searching;
using Finsam.Audit.Verifying;
using Finsam.Audit.Witnessing;
using Finsam.ServiceDefaults;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Messaging;
using Finsam.ServiceDefaults.Hosting;
using MassTransit;
using Microsoft.Extensions.Options;

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
        builder.AddServiceApiDocument<AuditService>();
        builder.Services.AddOptions<AuditOptions>().BindConfiguration("Finsam:Audit")
            .Validate(o => o.Witnesses.All(w => NoteVerifierKey.Parse(w.VerifierKey)?.Type == NoteVerifierKey.CosignatureType && Uri.IsWellFormedUriString(w.Url, UriKind.Absolute)),
                "Finsam:Audit:Witnesses: each witness needs an absolute Url and a cosignature verifier key (<name>+<key id>+<base64 of 0x04 and the key>).")
            .ValidateOnStart();
        builder.Services.AddSingleton<AuditSigningKey>();
        builder.Services.AddSingleton<AuditNoteKey>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddHostedService<Checkpointer>();
        builder.Services.AddSingleton<Retention>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Retention>());
        builder.Services.AddHttpClient(WitnessSubmitter.ClientName);
        builder.Services.AddSingleton<WitnessSubmitter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WitnessSubmitter>());
        return builder;
    }

    public static IBusRegistrationConfigurator AddAuditConsumers(this IBusRegistrationConfigurator bus)
    {
        // The audit queue takes a batch's worth of messages at once, so that a burst fills the writer's group commit.
        bus.AddConfigureEndpointsCallback((context, name, endpoint) =>
        {
            if (name == AuditService.Name)
            {
                var batch = Math.Max(1, context.GetRequiredService<IOptions<AuditOptions>>().Value.BatchSize);
                endpoint.PrefetchCount = batch;
                endpoint.ConcurrentMessageLimit = batch;
            }
        });
        return bus
            .AddServiceConsumer<AuditService, DataShareConsumer>()
            .AddServiceConsumer<AuditService, AccessRecordedConsumer>()
            .AddServiceConsumer<AuditService, ConsentGrantedConsumer>()
            .AddServiceConsumer<AuditService, ConsentRevokedConsumer>()
            .AddServiceConsumer<AuditService, MeetingParticipantInvitedConsumer>();
    }

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/audit")
            .RequireGrant(AuditService.Name, "gateway")
            .WithTags("Audit service")
            .DisclosesNothing(); // the gateway records every audit search itself (audit-search)
        audit.MapSearchRecords();
        audit.MapSample();
        audit.MapFlags();
        audit.MapExport();
        audit.MapExtract();
        audit.MapVerify();
        audit.MapOwnAccessLog();
        audit.MapProofs();
        // A checkpoint and its verifier key hold no personal data: witnesses and verifiers outside Finsam read them without a grant.
        app.MapGroup("").WithTags("Audit service").DisclosesNothing().MapPublicProofs();
        return app;
    }
}
