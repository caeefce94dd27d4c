using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NJsonSchema;

namespace Finsam.Testing.Contract;

/// <summary>One answer the gateway gave: which route, with what status, media type and body.</summary>
public sealed record RecordedAnswer(string Method, string RouteTemplate, int Status, string? MediaType, string Body);

/// <summary>
/// Checks answers against the public contract (<c>/openapi/v1.json</c>): the operation documents the status, and
/// a JSON body matches the schema the document gives for that status and media type.
/// </summary>
public sealed partial class ContractCheck(JsonObject document)
{
    private readonly ConcurrentDictionary<string, JsonSchema?> _schemas = new();

    /// <summary>The problems with one answer; empty when it keeps the contract.</summary>
    public IReadOnlyList<string> Check(RecordedAnswer answer)
    {
        var path = OpenApiPathOf(answer.RouteTemplate);
        var where = $"{answer.Method} {path} → {answer.Status}";
        if (document["paths"]?[path]?[answer.Method.ToLowerInvariant()] is not JsonObject operation)
        {
            return [$"{where}: the route is not in the contract"];
        }

        if (operation["responses"]?[answer.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] is not JsonObject response)
        {
            return [$"{where}: the status is not documented"];
        }

        if (answer.Body.Length == 0 || answer.MediaType is null || !answer.MediaType.EndsWith("json", StringComparison.Ordinal))
        {
            return [];
        }

        if (response["content"]?[answer.MediaType] is not JsonObject content)
        {
            return [$"{where}: {answer.MediaType} is not documented for this status"];
        }

        var schema = _schemas.GetOrAdd($"{where} {answer.MediaType}", _ => SchemaOf(content["schema"]));
        if (schema is null)
        {
            return [$"{where}: no schema for the body"];
        }

        return [.. schema.Validate(answer.Body).Select(error => $"{where}: {error.Path} {error.Kind}")];
    }

    /// <summary>A route template as ASP.NET Core writes it (<c>/api/ips/cases/{caseId:guid}</c>) as the document does (<c>/api/ips/cases/{caseId}</c>).</summary>
    public static string OpenApiPathOf(string routeTemplate) => Constraint().Replace("/" + routeTemplate.Trim('/'), "{$1}");

    /// <summary>
    /// The schema with the document's component schemas beside it as JSON Schema <c>definitions</c>, where
    /// NJsonSchema resolves references (it does not follow OpenAPI's <c>#/components/schemas/</c> inside components).
    /// </summary>
    private JsonSchema? SchemaOf(JsonNode? schema)
    {
        if (schema is null)
        {
            return null;
        }

        var standalone = new JsonObject
        {
            ["allOf"] = new JsonArray(schema.DeepClone()),
            ["definitions"] = document["components"]?["schemas"]?.DeepClone(),
        };
        var json = standalone.ToJsonString().Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
        return JsonSchema.FromJsonAsync(json).GetAwaiter().GetResult();
    }

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)(?::[^}]*)?\}")]
    private static partial Regex Constraint();
}
