using Finsam.Web.Gateway;
using Finsam.Web.Common;
using Microsoft.AspNetCore.Mvc;

namespace Finsam.Web.Pages.Cases;

/// <summary>
/// One IPS case: the referral content the consent allowed, the status with only the moves allowed from it, the
/// history, and what AF and FK reported. Opening it is a recorded view (the gateway records it).
/// </summary>
public sealed class IndexModel : WebPage
{
    /// <summary>The moves the status route takes; assigning is the coordinator's, on the unit page.</summary>
    private static readonly string[] Settable = ["active", "dormant", "inactive", "closed"];

    [BindProperty(SupportsGet = true)]
    public Guid CaseId { get; set; }

    [BindProperty]
    public string? NextStatus { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Outcome { get; set; }

    public CaseDetail? Case { get; private set; }

    public IEnumerable<string> Moves => Case?.NextStatuses.Where(Settable.Contains) ?? [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Case is null)
        {
            return Page();
        }

        ModelState.Require(NextStatus is not null && Moves.Contains(NextStatus), nameof(NextStatus), "Välj ett av de tillåtna nästa stegen.");
        ModelState.Require(Reason is null || Reason.Length <= 2000, nameof(Reason), "Högst 2000 tecken.");
        ModelState.Require(string.IsNullOrEmpty(Outcome) || (Words.Outcomes.ContainsKey(Outcome) && NextStatus == "closed"), nameof(Outcome),
            "Utfall anges bara när ärendet avslutas.");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var body = new { status = NextStatus, reason = string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim(), outcome = string.IsNullOrEmpty(Outcome) ? null : Outcome };
        var result = await Gateway.PostAsync<CaseSummary>($"api/ips/cases/{CaseId}/status", body, cancellationToken);
        if (result.Problem is { } problem)
        {
            Show(problem, new Dictionary<string, string> { ["status"] = nameof(NextStatus), ["reason"] = nameof(Reason), ["outcome"] = nameof(Outcome) });
            return Page();
        }

        Notify($"Ärendet har nu status {Words.Of(Words.CaseStatuses, NextStatus).ToLowerInvariant()}.");
        return RedirectToPage(new { caseId = CaseId });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var result = await Gateway.GetAsync<CaseDetail>($"api/ips/cases/{CaseId}", cancellationToken);
        Case = result.Value;
        if (result.Problem is { } problem)
        {
            Show(problem);
        }
    }
}
