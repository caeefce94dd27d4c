using Finsam.ServiceDefaults.Consent;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Disclosures;
using Finsam.ServiceDefaults.Organization;
using Finsam.ServiceDefaults.Grants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Finsam.ServiceDefaults.Hosting;

public static class ServiceDefaultsExtensions
{
    /// <summary>Telemetry, health checks, problem details, resilient HTTP clients, grants, the directory and a graceful shutdown.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        // A request the server refuses while reading it (a body over the limit, a malformed request) keeps its own
        // status instead of becoming a 500; the exception handler writes it as problem details.
        builder.Services.Configure<ExceptionHandlerOptions>(options =>
            options.StatusCodeSelector = exception => exception is Microsoft.AspNetCore.Http.BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        builder.Services.TryAddSingleton<ProtocolErrorAnswers>();
        builder.Services.AddOptions<KestrelServerOptions>().Configure<ProtocolErrorAnswers>((options, answers) =>
        {
            options.AddServerHeader = false; // tells an attacker nothing
            // Kestrel's own refusals (a %00 in the path, say) as problem details too (docs/adr/0019).
            options.ConfigureEndpointDefaults(listen => listen.Use(next => connection => answers.OnConnectionAsync(connection, next)));
        });
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"]);
        builder.Services.TryAddSingleton(sp => FinsamDirectory.FromConfiguration(builder.Configuration));
        builder.Services.TryAddSingleton<IServiceEndpoints, ConfiguredServiceEndpoints>();
        builder.Services.AddGrantAuthentication();
        builder.Services.AddAuthorization();

        // Retries only for safe methods: a retried POST could send a referral twice.
        // No call from inside an open write session (WriteSessionGuard), checked before any retry or timeout.
        builder.Services.ConfigureHttpClientDefaults(http => http
            .AddHttpMessageHandler(() => new NoCallsInWriteSessionHandler())
            .AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods()));

        builder.AddFinsamTelemetry(serviceName);
        builder.AddGracefulShutdown();
        return builder;
    }

    /// <summary>
    /// The service's own routes (under <c>/{name}/</c>), for the gateway's developers, in a document of their own at
    /// <c>/openapi/{name}.json</c>; the public contract (<c>/openapi/v1.json</c>) holds the gateway's routes only.
    /// </summary>
    public static IHostApplicationBuilder AddServiceApiDocument<TService>(this IHostApplicationBuilder builder)
        where TService : IFinsamService
    {
        builder.Services.AddOpenApi(TService.Name, options =>
            options.ShouldInclude = description => description.RelativePath?.StartsWith(TService.Name + "/", StringComparison.Ordinal) == true);
        return builder;
    }

    /// <summary>A typed client for another Finsam service, addressed through <see cref="IServiceEndpoints"/>.</summary>
    public static IHttpClientBuilder AddServiceClient<TClient>(this IServiceCollection services, string service)
        where TClient : class =>
        services.AddHttpClient<TClient>((sp, client) => client.BaseAddress = sp.GetRequiredService<IServiceEndpoints>().BaseAddressOf(service));

    /// <summary>The client a service uses to ask the consent service for decisions.</summary>
    public static IHostApplicationBuilder AddConsentDecisions<TService>(this IHostApplicationBuilder builder)
        where TService : IFinsamService
    {
        builder.Services.AddServiceClient<ConsentDecisionClient<TService>>(ConsentDecisionClient<TService>.ConsentServiceName);
        builder.Services.AddTransient<ConsentedSharing<TService>>();
        return builder;
    }

    /// <summary>
    /// Traces across HTTP and MassTransit, metrics and logs. Exported over OTLP only when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured. Nothing here records request bodies, so a
    /// personnummer (only ever sent in a body) cannot reach a trace.
    /// </summary>
    private static void AddFinsamTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddSource("MassTransit", "Finsam"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("MassTransit", "Finsam", "System.Runtime"));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
    }

    /// <summary><c>/health/live</c> says the process runs; <c>/health/ready</c> also checks the databases and the bus.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") || check.Tags.Contains("live") });
        app.MapOpenApi();
        return app;
    }

    /// <summary>The middleware every host runs, in order.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        // No Finsam body comes near a megabyte; a larger one is refused (413) before anything reads it.
        var maxBody = app.Configuration.GetValue<long?>("Finsam:MaxRequestBodyBytes") ?? 1024 * 1024;
        app.Use((context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = maxBody;
            }

            return next(context);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDisclosureDeclarations();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
