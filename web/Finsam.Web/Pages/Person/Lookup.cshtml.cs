using Finsam.Contracts.Persons;
using Finsam.Web.Gateway;
using Finsam.Web.Common;
using Microsoft.AspNetCore.Mvc;

namespace Finsam.Web.Pages.Person;

/// <summary>
/// Finds a person by personnummer. The number travels only in this form's body and the gateway call's body; from
/// here on the person is a personRef, so the number never reaches a URL, the browser history or a log.
/// </summary>
public sealed class LookupModel : WebPage
{
    [BindProperty]
    public string? Personnummer { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // The gateway's own rule (Finsam.Contracts), so the message is the one the API would give.
        if (!Contracts.Persons.Personnummer.TryParse(Personnummer, Words.Today(Clock), out var parsed, out var error))
        {
            ModelState.AddModelError(nameof(Personnummer), error);
            return Page();
        }

        var answer = await Gateway.PostAsync<PersonLookupResponse>("api/persons/lookup", new PersonLookupRequest(parsed.Digits), cancellationToken);
        if (answer.Value is null)
        {
            Show(answer.Problem!, new Dictionary<string, string> { ["personnummer"] = nameof(Personnummer) });
            return Page();
        }

        Persons.Remember(UserId, answer.Value.PersonRef, parsed);
        return Role == "auditor"
            ? RedirectToPage("/Audit/Index", new { personRef = answer.Value.PersonRef })
            : RedirectToPage("/Person/Index", new { personRef = answer.Value.PersonRef });
    }
}
