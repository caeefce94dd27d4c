using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Finsam.ServiceDefaults.Referrals;

/// <summary>The party a service refers for: health care, social services, AF or FK.</summary>
public sealed record ReferringParty<TService>(string Party)
    where TService : IFinsamService;

/// <summary>
/// Outgoing referrals (remisser) to an IPS unit or a coordination team, one feature for every party that refers: the
/// referring service holds its referrals and asks for the consent decision before it shares, and follows what the
/// receiving unit reports back. Health care, the municipality's social services and the AF and FK adapters each
/// add it with their party.
/// </summary>
public static class OutgoingReferrals
{
    public static IHostApplicationBuilder AddOutgoingReferrals<TService>(this IHostApplicationBuilder builder, string party)
        where TService : IFinsamService
    {
        builder.Services.AddSingleton(new ReferringParty<TService>(party));
        builder.Services.AddMigrationModule<TService>(typeof(OutgoingReferrals).Assembly, "Finsam.ServiceDefaults.Referrals.Migrations.");
        return builder;
    }

    /// <summary>Hears what the receiving unit reports on a referral this service sent.</summary>
    public static IBusRegistrationConfigurator AddOutgoingReferralConsumers<TService>(this IBusRegistrationConfigurator bus)
        where TService : IFinsamService =>
        bus.AddServiceConsumer<TService, ReferralStatusChangedConsumer<TService>>();

    /// <summary><c>POST {group}/referrals</c>, <c>GET {group}/referrals</c> and <c>GET {group}/referrals/{referralId}</c>.</summary>
    public static RouteGroupBuilder MapOutgoingReferrals<TService>(this RouteGroupBuilder group)
        where TService : IFinsamService
    {
        group.MapSubmitReferral<TService>();
        group.MapReadReferrals<TService>();
        return group;
    }
}
