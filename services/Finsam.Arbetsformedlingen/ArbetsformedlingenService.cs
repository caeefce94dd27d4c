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
        // Finsam:Arbetsformedlingen:System picks AF's real API ("http", at Finsam:Arbetsformedlingen:Http:BaseUrl)
        // or the simulator (default), read when the port is first needed.
        builder.Services.AddSingleton<SimulatedArbetsformedlingen>();
        builder.Services.AddHttpClient<HttpArbetsformedlingen>((sp, client) => client.BaseAddress = new Uri(
            sp.GetRequiredService<IConfiguration>()["Finsam:Arbetsformedlingen:Http:BaseUrl"]
            ?? throw new InvalidOperationException("Finsam:Arbetsformedlingen:Http:BaseUrl is required when Finsam:Arbetsformedlingen:System is http.")));
        builder.Services.AddTransient<IArbetsformedlingenSystem>(sp =>
            sp.GetRequiredService<IConfiguration>()["Finsam:Arbetsformedlingen:System"] == "http"
                ? sp.GetRequiredService<HttpArbetsformedlingen>()
                : sp.GetRequiredService<SimulatedArbetsformedlingen>());
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
