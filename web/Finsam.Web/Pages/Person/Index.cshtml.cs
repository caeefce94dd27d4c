using Finsam.Contracts.Persons;
using Finsam.Web.SignIn;
using Finsam.Web.Gateway;
using Finsam.Web.Common;
using Microsoft.AspNetCore.Mvc;

namespace Finsam.Web.Pages.Person;

/// <summary>A person's consents (active, expired, revoked) in plain words, and what can be done next.</summary>
public sealed class IndexModel : WebPage
{
    [BindProperty(SupportsGet = true)]
    public string PersonRef { get; set; } = "";

    public IReadOnlyList<ConsentResponse> Consents { get; private set; } = [];

    public IReadOnlyList<MeetingSummary> Meetings { get; private set; } = [];

    /// <summary>The person's active blocks: staff always see that one exists and what it keeps from whom, never hidden.</summary>
    public IReadOnlyList<Contracts.Api.Blocks.BlockView> Blocks { get; private set; } = [];

    /// <summary>The emergency accesses the signed-in clinician or social worker opened for the person: what, why, until when.</summary>
    public IReadOnlyList<Contracts.Api.EmergencyAccess.EmergencyAccessView> EmergencyAccesses { get; private set; } = [];

    private IReadOnlyList<Contracts.Api.EmergencyAccess.LegalBasis> _legalBases = [];

    /// <summary>A legal basis in words, with its statute, as configured.</summary>
    public string LegalBasisText(string code) =>
        _legalBases.FirstOrDefault(b => b.Code == code) is { } basis ? $"{basis.Label} ({basis.Statute})" : code;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Contracts.Persons.PersonRef.IsValid(PersonRef))
        {
            return UnknownPerson();
        }

        var consents = await Gateway.GetAsync<List<ConsentResponse>>($"api/persons/{PersonRef}/consents", cancellationToken);
        Consents = consents.Value ?? [];
        if (consents.Problem is { } problem)
        {
            Show(problem);
        }

        var meetings = await Gateway.GetAsync<List<MeetingSummary>>($"api/meetings?personRef={PersonRef}", cancellationToken);
        Meetings = meetings.Value ?? [];
        var blocks = await Gateway.GetAsync<List<Contracts.Api.Blocks.BlockView>>($"api/persons/{PersonRef}/blocks", cancellationToken);
        Blocks = [.. (blocks.Value ?? []).Where(b => b.Status == "active")];
        if (Role is "clinician" or "social-worker")
        {
            var accesses = await Gateway.GetAsync<List<Contracts.Api.EmergencyAccess.EmergencyAccessView>>($"api/persons/{PersonRef}/emergency-access", cancellationToken);
            EmergencyAccesses = accesses.Value ?? [];
            if (EmergencyAccesses.Count > 0)
            {
                _legalBases = (await Gateway.GetAsync<List<Contracts.Api.EmergencyAccess.LegalBasis>>("api/emergency-access/legal-bases", cancellationToken)).Value ?? [];
            }
        }

        return Page();
    }

    /// <summary>The signed-in member of staff's party: the source that may confirm what a consent holds back of its records.</summary>
    public string Party => User.PartyOf();

    /// <summary>Whether the consent waits for the signed-in member of staff: their party's records, and they are who holds them.</summary>
    public bool MayConfirm(ConsentResponse consent) =>
        consent.AwaitingConfirmation.Any(a => a.Source == Party) && Contracts.Consents.SensitiveProvisions.RecordHolderAt.GetValueOrDefault(Party) == Role;

    public string ConfirmLabel => $"Bekräfta samtycket för {Contracts.Codes.SwedishLabels.Party(Party)}";

    /// <summary>
    /// The source confirms, with the person before them, what a consent recorded by another party holds back of its
    /// records (docs/adr/0024); the consent service knows what that is, so the form carries only the consent.
    /// </summary>
    public async Task<IActionResult> OnPostConfirmAsync(Guid consentId, CancellationToken cancellationToken)
    {
        var result = await Gateway.PostAsync<ConsentResponse>($"api/consents/{consentId}/confirm", null, cancellationToken);
        if (result.IsSuccess)
        {
            Notify("Samtycket är bekräftat för din part.");
            return RedirectToPage(new { personRef = PersonRef });
        }

        Show(result.Problem!);
        return await OnGetAsync(cancellationToken);
    }
}
