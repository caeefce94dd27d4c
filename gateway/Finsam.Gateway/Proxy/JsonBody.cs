using System.Text.Json;
using System.Text.Json.Nodes;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Gateway.Proxy;

/// <summary>Reads a request body as a JSON object, with a clear problem when it is not one.</summary>
public static class JsonBody
{
    public static async Task<(JsonObject? Body, ValidationProblem? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var node = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
            return node is JsonObject body ? (body, null) : (null, Problems.Invalid("body", "Förväntade ett JSON-objekt."));
        }
        catch (JsonException)
        {
            return (null, Problems.Invalid("body", "Ogiltig JSON."));
        }
    }

    public static string? StringOf(this JsonNode? node, string property) =>
        node is JsonObject o && o[property] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
