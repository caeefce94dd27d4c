using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Finsam.ServiceDefaults.Disclosures;

/// <summary>
/// What one answer of a service shows of a person's data that another party holds or shared: a view the
/// gateway must record before the answer reaches anyone (docs/adr/0015).
/// </summary>
/// <param name="SourceParty">The party the data came from; null for the coordination service's own meeting notes.</param>
/// <param name="ConsentId">The consent that let the data reach the viewer's party.</param>
public sealed record Disclosure(string PersonRef, string? SourceParty, IReadOnlyList<string> Categories, string Purpose, Guid? ConsentId);

/// <summary>
/// The declaration travels in one response header, a JSON array of <see cref="Disclosure"/>; <c>[]</c> says
/// "this answer discloses nothing that needs a view record". Every successful answer a service gives the gateway
/// carries it; the gateway refuses to pass on one that does not (fails closed) and never passes the header on.
/// </summary>
public static class DisclosureHeader
{
    public const string Name = "Finsam-Disclosure";

    // The default encoder escapes everything outside ASCII, so the value is always a valid header value.
    public static string Format(IReadOnlyList<Disclosure> disclosures) => JsonSerializer.Serialize(disclosures, JsonSerializerOptions.Web);

    /// <summary>Null when the header is missing or is not a well-formed declaration: either way the answer is undeclared.</summary>
    public static IReadOnlyList<Disclosure>? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            var disclosures = JsonSerializer.Deserialize<List<Disclosure>>(value, JsonSerializerOptions.Web);
            return disclosures is not null && disclosures.TrueForAll(IsWellFormed) ? disclosures : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsWellFormed(Disclosure? d) =>
        d is { PersonRef.Length: > 0, Purpose.Length: > 0, Categories.Count: > 0 } && d.Categories.All(c => !string.IsNullOrEmpty(c));
}

/// <summary>How a service's code declares, where it selects the data, what its answer discloses.</summary>
public static class DisclosureDeclarations
{
    /// <summary>This answer shows <paramref name="disclosure"/>; call once per source, consent and purpose.</summary>
    public static void Disclose(this HttpContext context, Disclosure disclosure) => Declared(context).Add(disclosure);

    /// <summary>This answer shows no other party's data (for a route that discloses only sometimes).</summary>
    public static void DiscloseNothing(this HttpContext context) => Declared(context);

    /// <summary>For routes whose answers never show another party's data about a person.</summary>
    public static TBuilder DisclosesNothing<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(DisclosesNothingMetadata.Instance);

    /// <summary>Writes the declaration on every successful answer that has one, as the answer starts.</summary>
    public static IApplicationBuilder UseDisclosureDeclarations(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var declared = context.Features.Get<DeclaredDisclosures>()?.Items
                    ?? (context.GetEndpoint()?.Metadata.GetMetadata<DisclosesNothingMetadata>() is not null ? [] : null);
                if (declared is not null && context.Response.StatusCode is >= 200 and < 300)
                {
                    context.Response.Headers[DisclosureHeader.Name] = DisclosureHeader.Format(declared);
                }

                return Task.CompletedTask;
            });
            return next(context);
        });

    private static List<Disclosure> Declared(HttpContext context)
    {
        var declared = context.Features.Get<DeclaredDisclosures>();
        if (declared is null)
        {
            declared = new DeclaredDisclosures();
            context.Features.Set(declared);
        }

        return declared.Items;
    }

    private sealed class DeclaredDisclosures
    {
        public List<Disclosure> Items { get; } = [];
    }

    private sealed class DisclosesNothingMetadata
    {
        public static readonly DisclosesNothingMetadata Instance = new();
    }
}
