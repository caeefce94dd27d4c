using Finsam.Contracts.Codes;
using Finsam.Forsakringskassan.FkSystem;
using Finsam.ServiceDefaults;
using Finsam.ServiceDefaults.Agencies;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Messaging;
using Finsam.ServiceDefaults.Sections;
using MassTransit;

namespace Finsam.Forsakringskassan;

/// <summary>
/// The adapter to Försäkringskassan's systems: benefits (sjukpenning, aktivitetsersättning, sjukersättning),
/// their extent and period, the rehabilitation plan and the officer become the <c>fk.benefits</c> category.
/// </summary>
public sealed class ForsakringskassanService : IFinsamService
{
    public static string Name => "forsakringskassan";
}

public static class ForsakringskassanServiceExtensions
{
    public static IHostApplicationBuilder AddForsakringskassan(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ForsakringskassanService>();
        builder.Services.AddOptions<FkSimulatorOptions>().BindConfiguration("Finsam:Forsakringskassan:Simulator");
        // Finsam:Forsakringskassan:System picks FK's real API ("http", at Finsam:Forsakringskassan:Http:BaseUrl)
        // or the simulator (default), read when the port is first needed.
        builder.Services.AddSingleton<SimulatedForsakringskassan>();
        builder.Services.AddHttpClient<HttpForsakringskassan>((sp, client) => client.BaseAddress = new Uri(
            sp.GetRequiredService<IConfiguration>()["Finsam:Forsakringskassan:Http:BaseUrl"]
            ?? throw new InvalidOperationException("Finsam:Forsakringskassan:Http:BaseUrl is required when Finsam:Forsakringskassan:System is http.")));
        builder.Services.AddTransient<IForsakringskassanSystem>(sp =>
            sp.GetRequiredService<IConfiguration>()["Finsam:Forsakringskassan:System"] == "http"
                ? sp.GetRequiredService<HttpForsakringskassan>()
                : sp.GetRequiredService<SimulatedForsakringskassan>());
        builder.AddAgencyFollowUp<ForsakringskassanService, FkStatus>();
        builder.Services.AddSectionSource<FkSections>(Parties.Forsakringskassan);
        return builder;
    }

    public static IBusRegistrationConfigurator AddForsakringskassanConsumers(this IBusRegistrationConfigurator bus) =>
        bus.AddServiceConsumer<ForsakringskassanService, FollowUpStartedConsumer<ForsakringskassanService>>();

    public static IEndpointRouteBuilder MapForsakringskassan(this IEndpointRouteBuilder app)
    {
        var fk = app.MapGroup("/forsakringskassan")
            .RequireGrant(ForsakringskassanService.Name, "gateway")
            .WithTags("Försäkringskassan adapter");
        fk.MapSections(Parties.Forsakringskassan);
        return app;
    }
}
