using Finsam.Arbetsformedlingen.AfSystem;
using Finsam.Contracts.Codes;
using Finsam.ServiceDefaults;
using Finsam.ServiceDefaults.Agencies;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Messaging;
using Finsam.ServiceDefaults.Sections;
using MassTransit;

namespace Finsam.Arbetsformedlingen;

/// <summary>
/// The adapter to Arbetsförmedlingen's systems: it translates AF's registration, programmes and decisions
/// into the <c>af.registration</c> category, and nothing else leaves.
/// </summary>
public sealed class ArbetsformedlingenService : IFinsamService
{
    public static string Name => "arbetsformedlingen";
}

public static class ArbetsformedlingenServiceExtensions
{
    public static IHostApplicationBuilder AddArbetsformedlingen(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ArbetsformedlingenService>();
        builder.Services.AddOptions<AfSimulatorOptions>().BindConfiguration("Finsam:Arbetsformedlingen:Simulator");
        builder.Services.AddSingleton<SimulatedArbetsformedlingen>();
        builder.Services.AddSingleton<IArbetsformedlingenSystem>(sp => sp.GetRequiredService<SimulatedArbetsformedlingen>());
        builder.AddAgencyFollowUp<ArbetsformedlingenService, AfStatus>();
        builder.Services.AddSectionSource<AfSections>(Parties.Arbetsformedlingen);
        return builder;
    }

    public static IBusRegistrationConfigurator AddArbetsformedlingenConsumers(this IBusRegistrationConfigurator bus) =>
        bus.AddServiceConsumer<ArbetsformedlingenService, FollowUpStartedConsumer<ArbetsformedlingenService>>();

    public static IEndpointRouteBuilder MapArbetsformedlingen(this IEndpointRouteBuilder app)
    {
        var af = app.MapGroup("/arbetsformedlingen")
            .RequireGrant(ArbetsformedlingenService.Name, "gateway")
            .WithTags("Arbetsförmedlingen adapter");
        af.MapSections(Parties.Arbetsformedlingen);
        return app;
    }
}
