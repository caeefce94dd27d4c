using Finsam.HealthCare.Referrals;
using Finsam.ServiceDefaults;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Messaging;
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
        builder.AddConsentDecisions<HealthCareService>();
        return builder;
    }

    public static IBusRegistrationConfigurator AddHealthCareConsumers(this IBusRegistrationConfigurator bus) =>
        bus.AddServiceConsumer<HealthCareService, ReferralStatusChangedConsumer>();

    public static IEndpointRouteBuilder MapHealthCare(this IEndpointRouteBuilder app)
    {
        var healthCare = app.MapGroup("/healthcare")
            .RequireGrant(HealthCareService.Name, "gateway")
            .WithTags("Health-care service");
        healthCare.MapSubmitReferral();
        healthCare.MapReadReferrals();
        return app;
    }
}
