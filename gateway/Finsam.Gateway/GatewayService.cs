using Finsam.Contracts.Persons;
using Finsam.Gateway.Access;
using Finsam.Gateway.AuditReview;
using Finsam.Gateway.Consents;
using Finsam.Gateway.Identity;
using Finsam.Gateway.Ips;
using Finsam.Gateway.Persons;
using Finsam.Gateway.Proxy;
using Finsam.Gateway.Referrals;
using Finsam.ServiceDefaults;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Messaging;
using Microsoft.AspNetCore.Authorization;

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
        builder.AddServiceDatabase<GatewayService>();
        builder.Services.AddSingleton(_ => new PersonRefGenerator(PseudonymKey(builder.Configuration)));
        builder.Services.AddSingleton<AccessLog>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, RecordingAuthorizationResultHandler>();
        builder.Services.AddSingleton<ServiceApis>();
        foreach (var service in ServiceApis.Services)
        {
            builder.Services.AddHttpClient(service, (sp, client) => client.BaseAddress = sp.GetRequiredService<IServiceEndpoints>().BaseAddressOf(service));
        }

        return builder;
    }

    public static IEndpointRouteBuilder MapGateway(this IEndpointRouteBuilder app)
    {
        if (DevIdentity.IsEnabled(app.ServiceProvider.GetRequiredService<IConfiguration>()))
        {
            app.MapDevIdentity();
        }

        var api = app.MapGroup("/api").RequireAuthorization().WithTags("Gateway");
        api.MapPersons();
        api.MapConsents();
        api.MapReferrals();
        api.MapIps();
        api.MapAuditReview();
        return app;
    }

    /// <summary>The deployment secret behind personRef. Changing it changes every pseudonym, so it is kept, not generated.</summary>
    private static byte[] PseudonymKey(IConfiguration configuration)
    {
        var key = configuration["Finsam:PersonRef:Key"];
        return string.IsNullOrWhiteSpace(key)
            ? throw new InvalidOperationException("Finsam:PersonRef:Key (base64, at least 32 bytes) must be configured.")
            : Convert.FromBase64String(key);
    }
}
