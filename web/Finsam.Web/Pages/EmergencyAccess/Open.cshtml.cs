using Finsam.Contracts.Api.EmergencyAccess;
using Finsam.Contracts.Sections;
using Finsam.Web.Common;
using Microsoft.AspNetCore.Mvc;

namespace Finsam.Web.Pages.EmergencyAccess;

/// <summary>
/// Emergency access (nödöppning) for a person who cannot consent: the information needed, a legal basis from the
/// county's list and a reason. It says plainly that the opening is logged and followed up (docs/adr/0025).
/// </summary>
public sealed class OpenModel : WebPage
{
    [BindProperty(SupportsGet = true)]
    public string PersonRef { get; set; } = "";

    [BindProperty]
    public List<string> Categories { get; set; } = [];

    [BindProperty]
    public string? LegalBasis { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public bool Understood { get; set; }

    public IReadOnlyList<LegalBasis> LegalBases { get; private set; } = [];

    /// <summary>What an emergency access can open, per party: the sections a source holds.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Openable => SectionCatalogue.ByParty;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        Contracts.Persons.PersonRef.IsValid(PersonRef) ? await PageAsync(cancellationToken) : UnknownPerson();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Understood)
        {
            ModelState.AddModelError(nameof(Understood), "Bekräfta att du förstår att nödöppningen loggas och följs upp.");
        }

        if (ModelState.IsValid)
        {
            var result = await Gateway.PostAsync<EmergencyAccessOpened>(
                "api/emergency-access", new OpenEmergencyAccessRequest(PersonRef, [.. Categories], Reason, LegalBasis), cancellationToken);
            if (result.Value is { } opened)
            {
                return RedirectToPage("/EmergencyAccess/Index", new { accessId = opened.AccessId });
            }

            Show(result.Problem!, new Dictionary<string, string>
            {
                ["categories"] = nameof(Categories), ["reason"] = nameof(Reason), ["legalBasis"] = nameof(LegalBasis),
            });
        }

        return await PageAsync(cancellationToken);
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        var bases = await Gateway.GetAsync<List<LegalBasis>>("api/emergency-access/legal-bases", cancellationToken);
        LegalBases = bases.Value ?? [];
        if (bases.Problem is { } problem)
        {
            Show(problem);
        }

        return Page();
    }
}
