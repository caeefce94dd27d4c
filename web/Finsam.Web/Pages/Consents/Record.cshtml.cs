using System.Globalization;
using Finsam.Contracts.Codes;
using Finsam.Web.Gateway;
using Finsam.Web.Common;
using Microsoft.AspNetCore.Mvc;

namespace Finsam.Web.Pages.Consents;

public sealed class ProvisionInput
{
    public string Party { get; set; } = "";

    public string? UnitId { get; set; }

    public List<string> Categories { get; set; } = [];
}

/// <summary>
/// Records a consent. The form offers only valid choices (known parties, units of that party, known categories,
/// an end date within the allowed span), and the server checks the same rules as the consent service: under OSL a
/// consent names the parties, the information, the purpose and the duration, or it lifts no secrecy.
/// </summary>
public sealed class RecordModel : WebPage
{
    public const int MaxYears = 3;
    private static readonly string[] Methods = ["written", "verbal", "digital"];

    /// <summary>What this form records: sharing and statistics. A research consent names a study and has a form of its own.</summary>
    public IReadOnlyList<string> Purposes { get; } = [.. Contracts.Codes.Purposes.Consentable.Where(p => p != Contracts.Codes.Purposes.Research)];

    [BindProperty(SupportsGet = true)]
    public string PersonRef { get; set; } = "";

    [BindProperty]
    public string? Purpose { get; set; }

    [BindProperty]
    public string? Method { get; set; }

    [BindProperty]
    public string? ValidUntil { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    /// <summary>Where the consent is documented: the signed form's place, or the record entry of a verbal one.</summary>
    [BindProperty]
    public string? DocumentRef { get; set; }

    [BindProperty]
    public List<ProvisionInput> Provisions { get; set; } = [];

    public DateOnly Today => Words.Today(Clock);

    public IActionResult OnGet()
    {
        if (!Contracts.Persons.PersonRef.IsValid(PersonRef))
        {
            return UnknownPerson();
        }

        ValidUntil = Words.Date(Today.AddYears(1));
        Provisions = [.. Parties.All.Select(p => new ProvisionInput { Party = p })];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Contracts.Persons.PersonRef.IsValid(PersonRef))
        {
            return UnknownPerson();
        }

        var chosen = Validate();
        if (!ModelState.IsValid)
        {
            Provisions = [.. Parties.All.Select(p => Provisions.FirstOrDefault(i => i.Party == p) ?? new ProvisionInput { Party = p })];
            return Page();
        }

        var body = new RecordConsentRequest(
            PersonRef,
            Purpose == Contracts.Codes.Purposes.Statistics ? "statistics" : "sharing",
            Purpose,
            Method,
            ValidUntil,
            [.. chosen.Select(p => new ProvisionRequest(p.Party, string.IsNullOrEmpty(p.UnitId) ? null : p.UnitId, [.. p.Categories.Distinct()]))],
            string.IsNullOrWhiteSpace(Note) ? null : Note.Trim(),
            DocumentRef: string.IsNullOrWhiteSpace(DocumentRef) ? null : DocumentRef.Trim());
        var result = await Gateway.PostAsync<ConsentResponse>("api/consents", body, cancellationToken);
        if (result.Problem is { } problem)
        {
            Show(problem, new Dictionary<string, string>
            {
                ["purpose"] = nameof(Purpose), ["kind"] = nameof(Purpose), ["method"] = nameof(Method), ["validUntil"] = nameof(ValidUntil),
                ["provisions"] = nameof(Provisions), ["note"] = nameof(Note), ["documentRef"] = nameof(DocumentRef),
            });
            Provisions = [.. Parties.All.Select(p => Provisions.FirstOrDefault(i => i.Party == p) ?? new ProvisionInput { Party = p })];
            return Page();
        }

        Notify("Samtycket är registrerat.");
        return RedirectToPage("/Person/Index", new { personRef = PersonRef });
    }

    private List<ProvisionInput> Validate()
    {
        if (Purpose is null || !Purposes.Contains(Purpose))
        {
            ModelState.AddModelError(nameof(Purpose), "Välj vad uppgifterna får användas till.");
        }

        if (!Methods.Contains(Method))
        {
            ModelState.AddModelError(nameof(Method), "Välj hur personen lämnade samtycket.");
        }

        if (!DateOnly.TryParseExact(ValidUntil, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var until))
        {
            ModelState.AddModelError(nameof(ValidUntil), "Ange slutdatum som ÅÅÅÅ-MM-DD; ett samtycke måste vara tidsbegränsat.");
        }
        else if (until < Today)
        {
            ModelState.AddModelError(nameof(ValidUntil), "Slutdatumet har redan passerat.");
        }
        else if (until > Today.AddYears(MaxYears))
        {
            ModelState.AddModelError(nameof(ValidUntil), $"Ett samtycke får gälla högst {MaxYears} år; förnya det hellre när det löper ut.");
        }

        if (Note is { Length: > 2000 })
        {
            ModelState.AddModelError(nameof(Note), "Högst 2000 tecken.");
        }

        var chosen = Provisions.Where(p => p.Categories.Count > 0).ToList();
        if (chosen.Count == 0)
        {
            ModelState.AddModelError(nameof(Provisions), "Välj minst en mottagande part och vilka uppgifter den får ta emot.");
        }

        foreach (var provision in chosen)
        {
            if (!Parties.IsValid(provision.Party) || !provision.Categories.All(DataCategories.IsValid)
                || (!string.IsNullOrEmpty(provision.UnitId) && Directory.Unit(provision.UnitId)?.Party != provision.Party))
            {
                ModelState.AddModelError(nameof(Provisions), "Okänd part, enhet eller uppgift; välj bland alternativen.");
            }
        }

        return chosen;
    }
}
