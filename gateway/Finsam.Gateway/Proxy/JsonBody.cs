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

    private static async Task<(JsonObject? Body, IResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
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

    /// <summary>
    /// The body as the route's request type: read as <see cref="ReadObjectAsync"/> does, then bound to
    /// <typeparamref name="T"/>, so a field the contract does not name goes no further and a value of the wrong type
    /// is a 400 naming its field.
    /// </summary>
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var (body, problem) = await ReadObjectAsync(request, cancellationToken);
        if (body is null)
        {
            return (null, problem);
        }

        try
        {
            return body.Deserialize<T>(JsonSerializerOptions.Web) is { } typed ? (typed, null) : (null, Problems.Invalid("body", "Förväntade ett JSON-objekt."));
        }
        catch (JsonException wrongType)
        {
            return (null, Problems.Invalid(FieldOf(wrongType.Path), "Fel typ av värde."));
        }
    }

    /// <summary><c>$.contact.name</c> → <c>contact.name</c>, the way validation errors name fields.</summary>
    private static string FieldOf(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "body" : jsonPath.TrimStart('$', '.');
}
