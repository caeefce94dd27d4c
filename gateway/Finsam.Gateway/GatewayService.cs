using Finsam.Contracts.Persons;
using Finsam.Contracts.Sections;
using Finsam.Gateway.Access;
using Finsam.Gateway.AuditReview;
using Finsam.Gateway.Blocks;
using Finsam.Gateway.Consents;
using Finsam.Gateway.Contract;
using Finsam.Gateway.EmergencyAccess;
using Finsam.Gateway.Feedback;
using Finsam.Gateway.FollowUp;
using Finsam.Gateway.Identity;
using Finsam.Gateway.Ips;
using Finsam.Gateway.Residents;
using Finsam.Gateway.Meetings;
using Finsam.Gateway.Persons;
using Finsam.Gateway.Proxy;
using Finsam.Gateway.Referrals;
using Finsam.ServiceDefaults;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Messaging;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Http.Resilience;

namespace Finsam.Gateway;

/// <summary>The only door for people. Its database holds its outbox of view and denial records.</summary>
public sealed class GatewayService : IFinsamService
{
    public static string Name => "gateway";
}

public static class GatewayServiceExtensions
{
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.AddGatewayAuthentication();
        builder.Services.AddPublicContract();
        builder.AddServiceDatabase<GatewayService>();
        builder.Services.AddSingleton(sp => new PersonRefGenerator(PseudonymKey(sp.GetRequiredService<IConfiguration>())));
        builder.Services.AddSingleton<AccessLog>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, RecordingAuthorizationResultHandler>();
        builder.Services.AddSingleton<ServiceApis>();
        builder.AddConsentDecisions<GatewayService>();
        builder.Services.AddOptions<SharedViewOptions>().BindConfiguration("Finsam:Gateway:SharedView");
        foreach (var service in ServiceApis.Services)
        {
            builder.Services.AddHttpClient(service, (sp, client) => client.BaseAddress = sp.GetRequiredService<IServiceEndpoints>().BaseAddressOf(service));
        }

        // A shared view has one deadline for every source. A retry comes after the standard back-off (about 2 s),
        // so within the deadline it seldom lands and only makes a source that refuses at once cost the whole
        // deadline: the section reads keep the timeouts and circuit breaker, without retries.
        foreach (var service in SectionCatalogue.ByParty.Keys.Select(SectionCatalogue.ServiceOf))
        {
            // RemoveAllResilienceHandlers is marked experimental; it is the documented way to replace the handler
            // that ConfigureHttpClientDefaults gives every client.
#pragma warning disable EXTEXP0001
            builder.Services.AddHttpClient(ServiceApis.SectionClientOf(service), (sp, client) => client.BaseAddress = sp.GetRequiredService<IServiceEndpoints>().BaseAddressOf(service))
                .RemoveAllResilienceHandlers()
                .AddStandardResilienceHandler(options => options.Retry.DisableFor(HttpMethod.Get));
#pragma warning restore EXTEXP0001
        }

        return builder;
    }

    public static IEndpointRouteBuilder MapGateway(this IEndpointRouteBuilder app)
    {
        // Fail at start-up, not at the first lookup, when the pseudonym key is missing or unfit.
        _ = app.ServiceProvider.GetRequiredService<PersonRefGenerator>();
        if (DevIdentity.IsEnabled(app.ServiceProvider.GetRequiredService<IConfiguration>()))
        {
            app.MapDevIdentity();
        }
        else if (app.ServiceProvider.GetRequiredService<ResidentSessions>().Enabled)
        {
            app.MapResidentSignIn();
        }

        var api = app.MapGroup("/api").RequireAuthorization().WithTags("Gateway").WithStandardRefusals();
        // A resident reaches their own routes and nothing else: every other route is staff's, whatever its own policy.
        var staff = api.MapGroup("").RequireAuthorization(GatewayPolicies.Staff);
        staff.MapPersons();
        staff.MapConsents();
        staff.MapBlocks();
        staff.MapEmergencyAccess();
        staff.MapReferrals();
        staff.MapIps();
        staff.MapMeetings();
        staff.MapAuditReview();
        staff.MapFeedback();
        // Analysts are not staff: they reach the follow-up's figures and no route with personal data.
        api.MapFollowUp();
        api.MapBlockLifting();
        api.MapResidentRoutes();
        return app;
    }

    /// <summary>The key in deploy/Finsam.Local/appsettings.json: public, so only for the demonstration.</summary>
    private const string DemoPseudonymKey = "rHWs5sI9B4ol4033OAu+KB0W20q6X/3SWWGkjpT7Q8g=";

    /// <summary>
    /// The deployment secret behind personRef. Changing it changes every pseudonym, so it is kept, not
    /// generated. With the published demo key anyone could reverse a personRef by trying every personnummer,
    /// so it is refused unless the development identity is on too.
    /// </summary>
    private static byte[] PseudonymKey(IConfiguration configuration)
    {
        var key = configuration["Finsam:PersonRef:Key"];
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new InvalidOperationException("Finsam:PersonRef:Key (base64, at least 32 bytes) must be configured.");
        }

        if (key == DemoPseudonymKey && !DevIdentity.IsEnabled(configuration))
        {
            throw new InvalidOperationException("Finsam:PersonRef:Key is the published demo key; set a secret of your own.");
        }

        return Convert.FromBase64String(key);
    }
}
