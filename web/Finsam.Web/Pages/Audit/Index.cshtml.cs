using System.Globalization;
using Finsam.Web.Gateway;
using Finsam.Web.Common;
using Microsoft.AspNetCore.WebUtilities;

namespace Finsam.Web.Pages.Audit;

/// <summary>
/// The auditor's search: by person (found by personnummer in a POST, then by personRef), user, unit, party, time,
/// action and outcome, a page at a time; the state of the log (does the chain verify, when was it last signed); and
/// links to the person's extract and to exports. Every search is itself recorded by the gateway.
/// </summary>
public sealed class IndexModel : WebPage
{
    public const int PageSize = 25;

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public string? PersonRef { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public string? UserFilter { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public string? UnitId { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public string? Party { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public string? Outcome { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public AuditPage? Records { get; private set; }

    public ChainVerification? Verification { get; private set; }

    public bool Searched { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var verification = await Gateway.GetAsync<ChainVerification>("api/audit/verify", cancellationToken);
        Verification = verification.Value;
        if (verification.Problem is { } verifyProblem)
        {
            Show(verifyProblem);
            return;
        }

        Searched = Request.Query.Count > 0;
        if (!Searched)
        {
            return;
        }

        var filters = Filters();
        if (!ModelState.IsValid)
        {
            return;
        }

        filters["limit"] = PageSize.ToString(CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(Cursor))
        {
            filters["cursor"] = Cursor;
        }

        var records = await Gateway.GetAsync<AuditPage>(QueryHelpers.AddQueryString("api/audit/records", filters), cancellationToken);
        Records = records.Value;
        if (records.Problem is { } problem)
        {
            Show(problem, new Dictionary<string, string> { ["from"] = nameof(From), ["to"] = nameof(To), ["personRef"] = nameof(PersonRef) });
        }
    }

    /// <summary>The gateway's filters from the form's; dates are whole Swedish days.</summary>
    public Dictionary<string, string?> Filters()
    {
        var filters = new Dictionary<string, string?>(StringComparer.Ordinal);
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                filters[name] = value.Trim();
            }
        }

        ModelState.Require(string.IsNullOrEmpty(PersonRef) || Contracts.Persons.PersonRef.IsValid(PersonRef), nameof(PersonRef), "Okänd personreferens; sök fram personen igen.");
        Add("personRef", PersonRef);
        Add("userId", UserFilter);
        Add("unitId", UnitId);
        Add("party", Party);
        Add("action", Action);
        Add("outcome", Outcome);
        Add("from", DayStart(From, nameof(From), 0));
        Add("to", DayStart(To, nameof(To), 1));
        return filters;
    }

    /// <summary>The current search as a query string for the web's own links (next page, export).</summary>
    public string Query(string? cursor = null)
    {
        var query = new Dictionary<string, string?>
        {
            [nameof(PersonRef)] = PersonRef, [nameof(UserFilter)] = UserFilter, [nameof(UnitId)] = UnitId, [nameof(Party)] = Party,
            [nameof(Action)] = Action, [nameof(Outcome)] = Outcome, [nameof(From)] = From, [nameof(To)] = To, [nameof(Cursor)] = cursor,
        }.Where(p => !string.IsNullOrEmpty(p.Value));
        return QueryHelpers.AddQueryString("", query);
    }

    public string CsvExportLink() => QueryHelpers.AddQueryString("/granskning/export" + Query(), "format", "csv");

    private string? DayStart(string? date, string field, int addDays)
    {
        if (string.IsNullOrWhiteSpace(date))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            ModelState.AddModelError(field, "Ange datum som ÅÅÅÅ-MM-DD.");
            return null;
        }

        return Words.FromLocal(day.AddDays(addDays).ToDateTime(TimeOnly.MinValue)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}
