using Finsam.FollowUp.Interventions;
using Finsam.FollowUp.Recording;
using Finsam.FollowUp.Reports;
using Finsam.ServiceDefaults;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Messaging;
using MassTransit;

namespace Finsam.FollowUp;

/// <summary>
/// The samordningsförbund's follow-up (issue 13): it receives de-identified enrolment events from the IPS units and
/// keeps them in its own database, from which reports are written. It never holds a personRef, a name or a
/// personnummer; a participant with a statistics consent is known only by a statistics pseudonym.
/// </summary>
public sealed class FollowUpService : IFinsamService
{
    public static string Name => "follow-up";
}

public static class FollowUpServiceExtensions
{
    public static IHostApplicationBuilder AddFollowUp(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<FollowUpService>();
        builder.Services.AddSingleton<InterventionCatalogue>();
        builder.Services.AddSingleton(sp => new ReportBuilder(
            sp.GetRequiredService<IConfiguration>().GetSection("Finsam:FollowUp").Get<ReportSettings>() ?? new ReportSettings()));
        return builder;
    }

    public static IBusRegistrationConfigurator AddFollowUpConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<EnrolmentStartedConsumer>();
        bus.AddConsumer<EnrolmentEndedConsumer>();
        bus.AddConsumer<FidelityReviewedConsumer>();
        bus.AddConsumer<EnrolmentFollowedUpConsumer>();
        return bus;
    }

    /// <summary>The analyst's reports, through the gateway only.</summary>
    public static IEndpointRouteBuilder MapFollowUp(this IEndpointRouteBuilder app)
    {
        // Fail at start-up, not at the first report, when an intervention is misconfigured.
        _ = app.ServiceProvider.GetRequiredService<InterventionCatalogue>();
        app.MapGroup("/follow-up").RequireGrant(FollowUpService.Name, "gateway").WithTags("Follow-up service").MapReports();
        return app;
    }
}
