using Finsam.Agencies;
using Finsam.Contracts.Codes;
using Finsam.Forsakringskassan.FkSystem;
using MassTransit;

namespace Finsam.Forsakringskassan;

/// <summary>
/// The adapter to Försäkringskassan's systems: benefits (sjukpenning, aktivitetsersättning, sjukersättning),
/// their extent and period, the rehabilitation plan and the officer become the <c>fk.benefits</c> category.
/// </summary>
public sealed class ForsakringskassanService : IAgencyService
{
    public static string Name => "forsakringskassan";

    public static string Party => Parties.Forsakringskassan;

    public static string Category => DataCategories.FkBenefits;

    public static string DisplayName => "Försäkringskassan";

    public static string ConfigurationSection => "Finsam:Forsakringskassan";
}

public static class ForsakringskassanServiceExtensions
{
    public static IHostApplicationBuilder AddForsakringskassan(this IHostApplicationBuilder builder) =>
        builder.AddAgencyAdapter<ForsakringskassanService, FkBenefit, FkWording, SimulatedForsakringskassan, HttpForsakringskassan>();

    public static IBusRegistrationConfigurator AddForsakringskassanConsumers(this IBusRegistrationConfigurator bus) =>
        bus.AddAgencyConsumers<ForsakringskassanService>();

    public static IEndpointRouteBuilder MapForsakringskassan(this IEndpointRouteBuilder app) =>
        app.MapAgency<ForsakringskassanService>();
}
