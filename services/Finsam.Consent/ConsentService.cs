using Finsam.ServiceDefaults.Disclosures;
using Finsam.Consent.Blocking;
using Finsam.Consent.Confirming;
using Finsam.Consent.Deciding;
using Finsam.Consent.Emergency;
using Finsam.Consent.Listing;
using Finsam.Consent.Recording;
using Finsam.Consent.Revoking;
using Finsam.ServiceDefaults;
using Finsam.ServiceDefaults.Consent;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Messaging;
using Finsam.ServiceDefaults.Hosting;
using MassTransit;

namespace Finsam.Consent;

/// <summary>The consent registry and policy decision point: records, lists, revokes and decides.</summary>
public sealed class ConsentService : IFinsamService
{
    public static string Name => "consent";
}

public static class ConsentServiceExtensions
{
    public static IHostApplicationBuilder AddConsent(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ConsentService>();
        builder.AddServiceApiDocument<ConsentService>();
        builder.Services.Configure<EmergencyAccessOptions>(builder.Configuration.GetSection(EmergencyAccessOptions.Section));
        builder.Services.Configure<DecisionInputsOptions>(builder.Configuration.GetSection(DecisionInputsOptions.Section));
        builder.Services.AddSingleton<DecisionInputs>();
        return builder;
    }

    /// <summary>
    /// The consent service is asked over HTTP with a grant. It consumes only its own notices of changed consents, each
    /// replica all of them, to forget what it kept in memory (<see cref="DecisionInputs"/>).
    /// </summary>
    public static IBusRegistrationConfigurator AddConsentConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ForgetChangedConsents>().OnReplicaQueue(ConsentService.Name);
        return bus;
    }

    public static IEndpointRouteBuilder MapConsent(this IEndpointRouteBuilder app)
    {
        // People record, list and revoke through the gateway; services that share may only ask for decisions.
        // The registry's own records: reading them is not a view of another party's data.
        var consent = app.MapGroup("/consent").WithTags("Consent service").DisclosesNothing();
        var people = consent.MapGroup("").RequireGrant(ConsentService.Name, "gateway");
        people.MapRecordConsent();
        people.MapListConsents();
        people.MapRevokeConsent();
        people.MapConfirmConsent();
        people.MapBlocks();
        people.MapEmergencyAccess();
        consent.MapGroup("").RequireGrant(ConsentService.Name, ConsentCallers.TrustedIssuers).MapDecide();
        return app;
    }
}
