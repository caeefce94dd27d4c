using System.Reflection;
using Finsam.Web.Gateway;
using Finsam.Web.Common;
using Finsam.Web.SignIn;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Finsam.Web;

/// <summary>
/// The web interface as two calls, so that the embedded default hosts it beside the gateway (at <c>/</c>, the API
/// at <c>/api</c>) and the web container hosts it alone. Only the gateway's address differs.
/// </summary>
public static class FinsamWeb
{
    private const string StylesheetPath = "/assets/finsam.css";

    public static IHostApplicationBuilder AddFinsamWeb(this IHostApplicationBuilder builder)
    {
        builder.AddWebAuthentication();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IGatewayAddress, ConfiguredGatewayAddress>();
        // Swedish letters as themselves, not as &#xE4; entities: pages read better as source and are smaller.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddSingleton<WebDirectory>();
        builder.Services.AddSingleton<PersonMemory>();
        builder.Services.AddMemoryCache();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddHttpClient<GatewayClient>((sp, client) =>
        {
            client.BaseAddress = sp.GetRequiredService<IGatewayAddress>().BaseAddress;
            client.Timeout = TimeSpan.FromSeconds(30);
        });

        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/", WebAuthentication.Policy);
            options.Conventions.AllowAnonymousToPage("/SignIn/Index");
            options.Conventions.AllowAnonymousToPage("/Error");
            options.Conventions.AllowAnonymousToPage("/NoAccess");
        })
        .AddMvcOptions(options =>
        {
            options.Filters.Add<SessionExpiredFilter>();
            SwedishModelBinding.Use(options.ModelBindingMessageProvider);
        })
        // Hosted inside another application (the embedded default) the pages live in this assembly, not the entry one.
        .ConfigureApplicationPartManager(parts =>
        {
            var assembly = typeof(FinsamWeb).Assembly;
            if (!parts.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == assembly))
            {
                parts.ApplicationParts.Add(new CompiledRazorAssemblyPart(assembly));
                parts.ApplicationParts.Add(new AssemblyPart(assembly));
            }
        })
        .AddViewOptions(options => options.HtmlHelperOptions.ClientValidationEnabled = false); // server-side only, no script
        return builder;
    }

    public static IEndpointRouteBuilder MapFinsamWeb(this IEndpointRouteBuilder app)
    {
        var css = ReadStylesheet();
        app.MapGet(StylesheetPath, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(css, "text/css; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapRazorPages();
        return app;
    }

    private static string ReadStylesheet()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Finsam.Web.Assets.finsam.css")
            ?? throw new InvalidOperationException("The stylesheet is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>Names this assembly for WebApplicationFactory; every host's top-level <c>Program</c> would clash.</summary>
public sealed class WebEntryPoint;
