using Finsam.Agencies.FollowUp;
using Finsam.Agencies.Relations;
using Finsam.Agencies.Sections;
using Finsam.Agencies.Simulation;
using Finsam.Agencies.Systems;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Messaging;
using Finsam.ServiceDefaults.Referrals;
using Finsam.ServiceDefaults.Relations;
using Finsam.ServiceDefaults.Sections;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Finsam.Agencies;

/// <summary>
/// The whole of an agency adapter, for the service that names the agency (<typeparamref name="TService"/>) and
/// supplies what differs: its record, its wording, its simulator and its HTTP client.
/// </summary>
public static class AgencyAdapterExtensions
{
    /// <summary>
    /// The database with the module's tables, the port to the agency's system, the follow-up watcher and the
    /// shared-view section, and the officers' outgoing referrals. <c>{section}:System</c> picks the agency's real API (<c>http</c>, at
    /// <c>{section}:Http:BaseUrl</c>) or the simulator (the default), read when the port is first needed.
    /// </summary>
    public static IHostApplicationBuilder AddAgencyAdapter<TService, TRecord, TWording, TSimulator, THttp>(this IHostApplicationBuilder builder)
        where TService : IAgencyService
        where TRecord : class
        where TWording : class, IAgencyWording<TRecord>
        where TSimulator : SimulatedAgencySystem<TRecord>
        where THttp : class, IAgencySystem<TRecord>
    {
        var section = TService.ConfigurationSection;
        // The module's table (followed_persons), from its one set of scripts in this assembly.
        builder.Services.AddMigrationModule<TService>(typeof(AgencyAdapterExtensions).Assembly, "Finsam.Agencies.Migrations.");
        builder.AddServiceDatabase<TService>();
        builder.AddServiceApiDocument<TService>();

        builder.Services.AddSingleton<IAgencyWording<TRecord>, TWording>();
        builder.Services.AddOptions<AgencySimulatorOptions<TRecord>>().BindConfiguration($"{section}:Simulator");
        builder.Services.AddSingleton<TSimulator>();
        builder.Services.AddHttpClient<THttp>((sp, client) => client.BaseAddress = new Uri(
            sp.GetRequiredService<IConfiguration>()[$"{section}:Http:BaseUrl"]
            ?? throw new InvalidOperationException($"{section}:Http:BaseUrl is required when {section}:System is http.")));
        builder.Services.AddTransient<IAgencySystem<TRecord>>(sp =>
            sp.GetRequiredService<IConfiguration>()[$"{section}:System"] == "http"
                ? sp.GetRequiredService<THttp>()
                : sp.GetRequiredService<TSimulator>());

        builder.Services.AddScoped<IAgencyStatus<TService>, AgencyStatus<TService, TRecord>>();
        // Named per service: AF's and FK's adapters may share a process.
        builder.Services.AddOptions<AgencyWatchOptions>(TService.Name).BindConfiguration($"{section}:Watch");
        builder.Services.AddSingleton<AgencyWatcher<TService>>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AgencyWatcher<TService>>());
        builder.AddConsentDecisions<TService>();
        builder.AddOutgoingReferrals<TService>(TService.Party);

        builder.Services.AddSectionSource<AgencySections<TService, TRecord>>(TService.Party);
        builder.Services.AddRelationSource<AgencyRelations<TService, TRecord>>(TService.Party);
        return builder;
    }

    /// <summary>The adapter's consumers: which IPS unit follows whom, and what the unit reports on the agency's referrals.</summary>
    public static IBusRegistrationConfigurator AddAgencyConsumers<TService>(this IBusRegistrationConfigurator bus)
        where TService : IAgencyService =>
        bus.AddServiceConsumer<TService, FollowUpStartedConsumer<TService>>().AddOutgoingReferralConsumers<TService>();

    /// <summary>The section, the relation check and the officers' referrals under <c>/{service}</c>, for the gateway's grants only.</summary>
    public static IEndpointRouteBuilder MapAgency<TService>(this IEndpointRouteBuilder app)
        where TService : IAgencyService
    {
        var agency = app.MapGroup($"/{TService.Name}")
            .RequireGrant(TService.Name, "gateway")
            .WithTags($"{TService.DisplayName} adapter");
        agency.MapSections(TService.Party);
        agency.MapRelations(TService.Party);
        agency.MapOutgoingReferrals<TService>();
        return app;
    }
}
