using Finsam.Web.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Finsam.Web.Pages.Audit;

/// <summary>
/// Passes the gateway's export on to the browser as a download: the browser has no bearer token of its own, so the
/// web fetches it as the signed-in auditor (and the gateway records the export before the data leaves).
/// </summary>
public sealed class ExportModel : WebPage
{
    public async Task<IActionResult> OnGetAsync([FromQuery] string? format, CancellationToken cancellationToken)
    {
        if (format is not ("csv" or "jsonl"))
        {
            Problem = "Välj CSV eller JSON Lines.";
            return Page();
        }

        string? Query(string name) => Request.Query[name].FirstOrDefault();
        var search = new IndexModel
        {
            PageContext = PageContext,
            PersonRef = Query(nameof(IndexModel.PersonRef)), UserFilter = Query(nameof(IndexModel.UserFilter)), UnitId = Query(nameof(IndexModel.UnitId)),
            Party = Query(nameof(IndexModel.Party)), Action = Query(nameof(IndexModel.Action)), Outcome = Query(nameof(IndexModel.Outcome)),
            From = Query(nameof(IndexModel.From)), To = Query(nameof(IndexModel.To)),
        };

        var filters = format == "csv" ? search.Filters() : [];
        filters["format"] = format;
        var (response, problem) = await Gateway.StreamAsync(QueryHelpers.AddQueryString("api/audit/export", filters), cancellationToken);
        if (response is null)
        {
            Show(problem!);
            return Page();
        }

        HttpContext.Response.RegisterForDispose(response);
        var name = $"finsam-logg-{Words.Date(Words.Today(Clock))}.{format}";
        return File(await response.Content.ReadAsStreamAsync(cancellationToken), response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream", name);
    }
}
