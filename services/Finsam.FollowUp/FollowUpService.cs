using Finsam.FollowUp.Recording;
using Finsam.ServiceDefaults;
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
        return builder;
    }

    public static IBusRegistrationConfigurator AddFollowUpConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<EnrolmentStartedConsumer>();
        bus.AddConsumer<EnrolmentEndedConsumer>();
        return bus;
    }

    /// <summary>The reports' routes come with them; until then the service only records.</summary>
    public static IEndpointRouteBuilder MapFollowUp(this IEndpointRouteBuilder app) => app;
}
