using Finsam.Web.Gateway;
using Finsam.Web.SignIn;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Finsam.Web.Common;

/// <summary>What every page needs: the gateway as the signed-in person, the directory, and problems in words.</summary>
public abstract class WebPage : PageModel
{
    public const string NoticeKey = "Notice";

    protected GatewayClient Gateway => HttpContext.RequestServices.GetRequiredService<GatewayClient>();

    public WebDirectory Directory => HttpContext.RequestServices.GetRequiredService<WebDirectory>();

    protected PersonMemory Persons => HttpContext.RequestServices.GetRequiredService<PersonMemory>();

    protected TimeProvider Clock => HttpContext.RequestServices.GetRequiredService<TimeProvider>();

    /// <summary>A problem from the gateway that belongs to no single field.</summary>
    public string? Problem { get; set; }

    public string UserId => User.UserIdOf();

    public string Role => User.RoleOf();

    /// <summary>Whether the signed-in member of staff refers to IPS: a clinician, social worker, AF or FK officer.</summary>
    public bool Refers => Contracts.Codes.Referrers.AllRoles.Contains(Role);

    public string PersonLabel(string? personRef) => Persons.Label(UserId, personRef);

    protected void Notify(string notice) => TempData[NoticeKey] = notice;

    /// <summary>
    /// A URL whose person (or consent) is not known: back to the search with a sentence, rather than a bare 404,
    /// which the embedded default's status-code pages would answer as a problem document.
    /// </summary>
    protected Microsoft.AspNetCore.Mvc.IActionResult UnknownPerson()
    {
        Notify("Uppgiften hittades inte. Sök fram personen igen.");
        return RedirectToPage("/Person/Lookup");
    }

    /// <summary>
    /// Shows a gateway problem: field errors next to the form field they concern (through <paramref name="fields"/>,
    /// API field → form field), everything else at the top.
    /// </summary>
    protected void Show(GatewayProblem problem, IReadOnlyDictionary<string, string>? fields = null)
    {
        var unplaced = new List<string>();
        foreach (var (apiField, messages) in problem.FieldErrors)
        {
            var formField = fields?.FirstOrDefault(f => apiField.StartsWith(f.Key, StringComparison.OrdinalIgnoreCase)).Value;
            foreach (var message in messages)
            {
                if (formField is not null)
                {
                    ModelState.AddModelError(formField, message);
                }
                else
                {
                    unplaced.Add(message);
                }
            }
        }

        Problem = problem.FieldErrors.Count == 0 || unplaced.Count > 0
            ? string.Join(' ', new[] { problem.FieldErrors.Count == 0 ? problem.Message : "Uppgifterna behöver rättas." }.Concat(unplaced))
            : null;
    }
}
