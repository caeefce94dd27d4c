using Finsam.Arbetsformedlingen;
using Finsam.Audit;
using Finsam.Consent;
using Finsam.Coordination;
using Finsam.FollowUp;
using Finsam.Forsakringskassan;
using Finsam.Gateway;
using Finsam.Gateway.Contract;
using Finsam.HealthCare;
using Finsam.Municipality;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Messaging;
using Finsam.Web;
using Finsam.Web.Gateway;
using Scalar.AspNetCore;

namespace Finsam.Local;

/// <summary>
/// Composes every service, the gateway and the web interface in one process. Only configuration differs from the distributed
/// deployment: the same endpoints, consumers, outboxes and grants run, over the in-memory bus and SQLite.
/// </summary>
public static class EmbeddedDefault
{
    public static IHostApplicationBuilder AddEmbeddedDefault(this IHostApplicationBuilder builder)
    {
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "demo-county.json"), optional: false);
        builder.Services.AddSingleton<IServiceEndpoints, SelfServiceEndpoints>();
        builder.AddConsent();
        builder.AddHealthCare();
        builder.AddMunicipality();
        builder.AddAudit();
        builder.AddArbetsformedlingen();
        builder.AddForsakringskassan();
        builder.AddCoordination();
        builder.AddFollowUp();
        builder.AddGateway();
        // The web interface at /, calling the gateway in this same process over loopback HTTP, as it would across hosts.
        builder.Services.AddSingleton<IGatewayAddress, SelfGatewayAddress>();
        builder.AddFinsamWeb();
        builder.AddFinsamMessaging(bus =>
        {
            bus.AddConsentConsumers();
            bus.AddHealthCareConsumers();
            bus.AddMunicipalityConsumers();
            bus.AddAuditConsumers();
            bus.AddArbetsformedlingenConsumers();
            bus.AddForsakringskassanConsumers();
            bus.AddCoordinationConsumers();
            bus.AddFollowUpConsumers();
        });
        builder.Services.AddHostedService<StartupBanner>();
        if (builder.Configuration.GetValue(DemoCohort.Setting, false))
        {
            builder.Services.AddHostedService<DemoCohort>();
        }

        return builder;
    }

    public static WebApplication MapEmbeddedDefault(this WebApplication app)
    {
        app.MapConsent();
        app.MapHealthCare();
        app.MapMunicipality();
        app.MapAudit();
        app.MapArbetsformedlingen();
        app.MapForsakringskassan();
        app.MapCoordination();
        app.MapFollowUp();
        app.MapGateway();
        // The public contract to browse and try, with a demo token from /dev/token.
        app.MapScalarApiReference("/api/reference", options => options.WithTitle("Finsam API").AddDocument(PublicContract.DocumentName));
        app.MapFinsamWeb();
        return app;
    }
}

/// <summary>
/// Names this assembly for WebApplicationFactory. Every host's top-level <c>Program</c> is public and they
/// would clash in a project that references several hosts.
/// </summary>
public sealed class EmbeddedDefaultEntryPoint;
