using Finsam.HealthCare.Relations;
using Finsam.ServiceDefaults.Relations;
using Finsam.Contracts.Codes;
using Finsam.HealthCare.HealthRecord;
using Finsam.ServiceDefaults;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Messaging;
using Finsam.ServiceDefaults.Referrals;
using Finsam.ServiceDefaults.Sections;
using MassTransit;

namespace Finsam.HealthCare;

/// <summary>The region's health care: sends referrals to IPS units and follows them.</summary>
public sealed class HealthCareService : IFinsamService
{
    public static string Name => "healthcare";
}

public static class HealthCareServiceExtensions
{
    public static IHostApplicationBuilder AddHealthCare(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<HealthCareService>();
        builder.AddServiceApiDocument<HealthCareService>();
        builder.AddConsentDecisions<HealthCareService>();
        builder.AddOutgoingReferrals<HealthCareService>(Parties.HealthCare);
        builder.Services.AddSingleton<IHealthRecordSystem, SimulatedHealthRecord>();
        builder.Services.AddRelationSource<CareRelations>(Parties.HealthCare);
        builder.Services.AddSectionSource<HealthSections>(Parties.HealthCare);
        return builder;
    }

    public static IBusRegistrationConfigurator AddHealthCareConsumers(this IBusRegistrationConfigurator bus) =>
        bus.AddOutgoingReferralConsumers<HealthCareService>();

    public static IEndpointRouteBuilder MapHealthCare(this IEndpointRouteBuilder app)
    {
        var healthCare = app.MapGroup("/healthcare")
            .RequireGrant(HealthCareService.Name, "gateway")
            .WithTags("Health-care service");
        healthCare.MapOutgoingReferrals<HealthCareService>();
        healthCare.MapSections(Parties.HealthCare);
        healthCare.MapRelations(Parties.HealthCare);
        return app;
    }
}
