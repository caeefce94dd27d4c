using Finsam.Contracts.Api.Residents;
using Finsam.Web.Common;
using Microsoft.AspNetCore.Mvc;

namespace Finsam.Web.Pages.Mine;

/// <summary>"Vem har sett mina uppgifter": the person's own access log, newest first, a page at a time.</summary>
public sealed class AccessLogModel : WebPage
{
    [BindProperty(SupportsGet = true, Name = "fore")]
    public string? Cursor { get; set; }

    public AccessLogPage? Log { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var cursor = long.TryParse(Cursor, out var before) ? $"?cursor={before}" : "";
        var log = await Gateway.GetAsync<AccessLogPage>("api/me/access-log" + cursor, cancellationToken);
        Log = log.Value;
        if (log.Problem is { } problem)
        {
            Show(problem);
        }
    }

    /// <summary>Who, in words: the unit (or the party), and the member of staff where the county names them.</summary>
    public static string Who(AccessLogEntry entry) =>
        (entry.UnitName ?? (entry.Party == Contracts.Sharing.Actor.PersonParty ? "Du själv" : Words.Party(entry.Party)))
        + (entry.UserName is { } name ? $" ({name})" : "");
}
