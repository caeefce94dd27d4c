using System.Text.Json;
using System.Text.Json.Nodes;
using Finsam.ServiceDefaults.Validation;

namespace Finsam.Gateway.Proxy;

/// <summary>
/// Reads a request body as a JSON object, refusing before anything goes further what a lenient reader would let
/// through: another media type (415), a body over the limit (413), duplicate keys, escapes that are no
/// character, nesting deeper than any Finsam body, and text with control or bidi-override characters (400).
/// </summary>
public static class JsonBody
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 16 };

    public static async Task<(JsonObject? Body, IResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problems.UnsupportedMediaType("Skicka uppgifterna som JSON (Content-Type: application/json)."));
        }

        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(request.Body, documentOptions: Strict, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return (null, Problems.Invalid("body", "Ogiltig JSON."));
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.TooLarge("Uppgifterna är för stora."));
        }

        if (node is not JsonObject body)
        {
            return (null, Problems.Invalid("body", "Förväntade ett JSON-objekt."));
        }

        var errors = TextRules.CheckAll(body, new ValidationErrors());
        return errors.IsValid ? (body, null) : (null, Problems.Invalid(errors.ToDictionary()));
    }

    public static string? StringOf(this JsonNode? node, string property) =>
        node is JsonObject o && o[property] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
