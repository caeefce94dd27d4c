using Finsam.Contracts.Persons;
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
        return Page();
    }

    /// <summary>"Who may receive what, for what, until when", one sentence per recipient.</summary>
    public string Summary(ConsentResponse consent, ConsentProvision provision)
    {
        var who = provision.ToUnitId is { } unit ? Directory.UnitName(unit) : Words.Party(provision.ToParty);
        var what = string.Join(", ", provision.Categories.Select(Contracts.Codes.SwedishLabels.Category));
        return $"{who} får ta emot {what}, för {Contracts.Codes.SwedishLabels.Purpose(consent.Purpose)}, till och med {consent.ValidUntil}.";
    }
}
