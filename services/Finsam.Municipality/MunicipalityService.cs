using Finsam.Municipality.Relations;
using Finsam.ServiceDefaults.Relations;
using Finsam.Municipality.Ips.Agencies;
using Finsam.Municipality.Ips.Cases;
using Finsam.Municipality.Ips.Enrolment;
using Finsam.Municipality.Ips.Fidelity;
using Finsam.Municipality.Ips.FollowUp;
using Finsam.Municipality.Ips.Intake;
using Finsam.Municipality.Ips.Placements;
using Finsam.Municipality.Ips.Reporting;
using Finsam.Municipality.Sections;
using Finsam.Contracts.Codes;
using Finsam.ServiceDefaults.Sections;
using Finsam.ServiceDefaults;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Messaging;
using Finsam.ServiceDefaults.Referrals;
using MassTransit;

namespace Finsam.Municipality;

/// <summary>The municipality: its IPS unit receives referrals into a queue and runs the cases; its social services refer.</summary>
public sealed class MunicipalityService : IFinsamService
{
    public static string Name => "municipality";
}

public static class MunicipalityServiceExtensions
{
    public static IHostApplicationBuilder AddMunicipality(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<MunicipalityService>();
        builder.AddServiceApiDocument<MunicipalityService>();
        builder.AddConsentDecisions<MunicipalityService>();
        // Social services refers too, to the IPS unit beside it or another municipality's.
        builder.AddOutgoingReferrals<MunicipalityService>(Parties.Municipality);
        builder.Services.AddScoped<ReferralReporter>();
        builder.Services.AddOptions<IpsOptions>().BindConfiguration("Finsam:Municipality:Ips");
        builder.Services.AddScoped<FidelitySuggestions>();
        builder.Services.AddScoped<FollowUpEvents>();
        builder.Services.AddScoped<AgencyFollowUp>();
        builder.Services.AddOptions<PendingReportsOptions>().BindConfiguration("Finsam:Municipality:PendingReports");
        builder.Services.AddHostedService<PendingReports>();
        builder.Services.AddSingleton<ISocialAssistanceSystem, SimulatedSocialAssistance>();
        builder.Services.AddRelationSource<MunicipalRelations>(Parties.Municipality);
        builder.Services.AddSectionSource<MunicipalSections>(Parties.Municipality);
        return builder;
    }

    public static IBusRegistrationConfigurator AddMunicipalityConsumers(this IBusRegistrationConfigurator bus) => bus
        .AddServiceConsumer<MunicipalityService, ReferralSubmittedConsumer>()
        .AddServiceConsumer<MunicipalityService, AgencyStatusChangedConsumer>()
        .AddOutgoingReferralConsumers<MunicipalityService>();

    public static IEndpointRouteBuilder MapMunicipality(this IEndpointRouteBuilder app)
    {
        var ips = app.MapGroup("/municipality/ips")
            .RequireGrant(MunicipalityService.Name, "gateway")
            .WithTags("Municipality service: IPS unit");
        ips.MapQueue();
        ips.MapSelfReferrals();
        ips.MapReadCases();
        ips.MapAssignCase();
        ips.MapChangeCaseStatus();
        ips.MapEnrolment();
        ips.MapPostClosingFollowUps();
        ips.MapReviews();
        ips.MapFidelityReviews();
        ips.MapRecordPlacement();
        ips.MapEndPlacement();
        var municipality = app.MapGroup("/municipality").RequireGrant(MunicipalityService.Name, "gateway").WithTags("Municipality service: social services");
        municipality.MapOutgoingReferrals<MunicipalityService>();
        municipality.MapSections(Parties.Municipality);
        municipality.MapRelations(Parties.Municipality);
        return app;
    }
}
