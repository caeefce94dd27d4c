using System.Text.Json;
using System.Text.Json.Nodes;
using Finsam.Web.Gateway;
using Finsam.Web.Common;

namespace Finsam.Web.Pages.Meetings;

/// <summary>
/// The one shared picture for a meeting participant, grouped by the party that holds each section. A withheld or
/// unavailable section is a normal answer, told in words: the consent does not cover it, or that party's system
/// did not answer in time. Every section shown is a recorded view (the gateway records it).
/// </summary>
public sealed class SharedViewModel : WebPage
{
    /// <summary>Words for the fields the parties' systems send; a field without one is shown by its name.</summary>
    private static readonly Dictionary<string, string> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["status"] = "Status", ["coach"] = "Coach", ["coachUserId"] = "Coach", ["goals"] = "Mål", ["plan"] = "Plan", ["nextSteps"] = "Nästa steg",
        ["since"] = "Sedan", ["registered"] = "Inskriven", ["programme"] = "Program", ["officer"] = "Handläggare", ["benefit"] = "Ersättning",
        ["benefitType"] = "Ersättning", ["extentPercent"] = "Omfattning (%)", ["extent"] = "Omfattning", ["from"] = "Från", ["to"] = "Till",
        ["until"] = "Till och med", ["activeCareContact"] = "Pågående vårdkontakt", ["responsibleUnit"] = "Ansvarig enhet", ["contactPerson"] = "Kontaktperson",
        ["limitations"] = "Begränsningar", ["adjustments"] = "Anpassningar", ["receivesAssistance"] = "Försörjningsstöd", ["period"] = "Period",
        ["activityRequirement"] = "Aktivitetskrav", ["name"] = "Namn", ["phone"] = "Telefon", ["email"] = "E-post", ["reason"] = "Anledning",
        ["ownGoal"] = "Eget mål", ["employer"] = "Arbetsgivare", ["placements"] = "Placeringar", ["decisions"] = "Beslut",
        ["type"] = "Typ", ["ongoing"] = "Pågår",
    };

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public Guid MeetingId { get; set; }

    public SharedView? View { get; private set; }

    /// <summary>The viewer's own IPS unit's case for the person, whose sections are linked rather than shown as shared.</summary>
    public Guid? OwnCaseId { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await Gateway.GetAsync<SharedView>($"api/meetings/{MeetingId}/shared-view", cancellationToken);
        View = result.Value;
        if (result.Problem is { } problem)
        {
            Show(problem);
        }

        if (View is not null && Role is "coach" or "coordinator")
        {
            var cases = await Gateway.GetAsync<List<CaseSummary>>("api/ips/cases", cancellationToken);
            OwnCaseId = (cases.Value ?? []).Where(c => c.PersonRef == View.PersonRef).OrderByDescending(c => c.Since).FirstOrDefault()?.CaseId;
        }
    }

    public static string Status(string status) => status switch
    {
        "ok" => "Visas",
        "withheld" => "Visas inte: personens samtycke omfattar inte att din part får dessa uppgifter.",
        "blocked" => "Spärrad: personen har spärrat dessa uppgifter för din part. Spärren gäller före samtycket tills den hävs.",
        "awaiting-confirmation" => "Väntar på bekräftelse: samtycket registrerades av din egen part och gäller dessa uppgifter först när personen själv eller den part som har uppgifterna bekräftar det.",
        "unavailable" => "Kunde inte hämtas just nu: den partens system svarade inte i tid. Försök igen senare.",
        _ => status,
    };

    public static string Label(string field) => Fields.TryGetValue(field, out var label) ? label : Words.Capital(field);

    /// <summary>A value as text: lists joined, nested objects as "field: value", yes/no in Swedish.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => "–",
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "Ja" : "Nej",
        JsonValue v when v.GetValueKind() == JsonValueKind.String && v.TryGetValue<string>(out var s) && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at) && s.Contains('T', StringComparison.Ordinal)
            => Words.When(at),
        JsonValue v => v.ToString(),
        JsonArray a => a.Count == 0 ? "–" : string.Join("; ", a.Select(Text)),
        JsonObject o => string.Join(", ", o.Select(p => $"{Label(p.Key)}: {(p.Key == "type" ? Words.Of(Words.PlacementTypes, p.Value?.ToString()) : Text(p.Value))}")),
        _ => node.ToJsonString(),
    };
}
