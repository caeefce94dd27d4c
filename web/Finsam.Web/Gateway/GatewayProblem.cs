using System.Text.Json.Nodes;

namespace Finsam.Web.Gateway;

/// <summary>
/// A problem document (RFC 9457) from the gateway, as a sentence a person can act on. The services write their
/// details in Swedish already; the status and type decide the lead, and nothing raw (JSON, codes, stack) is shown.
/// </summary>
public sealed record GatewayProblem(int Status, string Message, IReadOnlyDictionary<string, string[]> FieldErrors)
{
    private static readonly Dictionary<string, string[]> Empty = [];

    public static readonly GatewayProblem Unreachable = new(503, "Tjänsten svarar inte just nu. Försök igen om en stund.", Empty);

    public bool IsConsentRequired { get; init; }

    public static GatewayProblem From(int status, JsonObject? problem)
    {
        var type = problem?["type"]?.GetValue<string>() ?? "";
        var detail = problem?["detail"] is JsonValue d && d.TryGetValue<string>(out var text) ? text : null;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (problem?["errors"] is JsonObject fields)
        {
            foreach (var (field, messages) in fields)
            {
                errors[field] = messages is JsonArray list ? [.. list.Select(m => m?.GetValue<string>() ?? "")] : [];
            }
        }

        var consentRequired = type.EndsWith("/consent-required", StringComparison.Ordinal);
        var lead = status switch
        {
            400 => "Uppgifterna behöver rättas.",
            403 when consentRequired => "Samtycke saknas, så inget skickades eller visades.",
            403 => "Din roll ger inte tillgång till detta.",
            404 => "Uppgiften finns inte, eller så har du inte tillgång till den.",
            409 => "Det gick inte, eftersom uppgiften har ändrats eller redan har den statusen.",
            >= 500 => "Något gick fel hos tjänsten. Försök igen om en stund.",
            _ => "Det gick inte att genomföra.",
        };
        // A server error's detail is not for people; the others are written for them, in Swedish.
        var message = detail is not null && status < 500 ? $"{lead} {detail}" : lead;
        return new GatewayProblem(status, message, errors) { IsConsentRequired = consentRequired };
    }
}
