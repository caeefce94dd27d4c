using Finsam.Agencies;
using Finsam.Arbetsformedlingen.AfSystem;
using Finsam.Contracts.Codes;
using MassTransit;

namespace Finsam.Arbetsformedlingen;

/// <summary>
/// The adapter to Arbetsförmedlingen's systems: it translates AF's registration, programmes and decisions
/// into the <c>af.registration</c> category, and nothing else leaves.
/// </summary>
public sealed class ArbetsformedlingenService : IAgencyService
{
    public static string Name => "arbetsformedlingen";

    public static string Party => Parties.Arbetsformedlingen;

    public static string Category => DataCategories.AfRegistration;

    public static string DisplayName => "Arbetsförmedlingen";

    public static string ConfigurationSection => "Finsam:Arbetsformedlingen";
}

public static class ArbetsformedlingenServiceExtensions
{
    public static IHostApplicationBuilder AddArbetsformedlingen(this IHostApplicationBuilder builder) =>
        builder.AddAgencyAdapter<ArbetsformedlingenService, AfJobSeeker, AfWording, SimulatedArbetsformedlingen, HttpArbetsformedlingen>();

    public static IBusRegistrationConfigurator AddArbetsformedlingenConsumers(this IBusRegistrationConfigurator bus) =>
        bus.AddAgencyConsumers<ArbetsformedlingenService>();

    public static IEndpointRouteBuilder MapArbetsformedlingen(this IEndpointRouteBuilder app) =>
        app.MapAgency<ArbetsformedlingenService>();
}
