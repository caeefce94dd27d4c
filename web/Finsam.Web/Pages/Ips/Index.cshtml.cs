using Finsam.Web.Gateway;
using Finsam.Web.Common;
using Finsam.Web.SignIn;
using Microsoft.AspNetCore.Mvc;

namespace Finsam.Web.Pages.Ips;

/// <summary>
/// The IPS unit. A coordinator sees the queue (oldest first, with waiting days), assigns each referral to a coach
/// while seeing every coach's caseload against the limit (the API's, 20 by IPS fidelity), sees the cases to decide on
/// (inactive too long, past their planned end) and the unit's cases by status. A coach sees their own cases.
/// </summary>
public sealed class IndexModel : WebPage
{
    public static readonly string[] StatusOrder = ["assigned", "active", "dormant", "inactive", "closed", "declined", "queued"];

    public IReadOnlyList<QueueEntry> Queue { get; private set; } = [];

    public IReadOnlyList<CaseSummary> Cases { get; private set; } = [];

    public IReadOnlyList<CoachCaseload> Caseloads { get; private set; } = [];

    public IReadOnlyList<CaseReview> Reviews { get; private set; } = [];

    [BindProperty]
    public Guid CaseId { get; set; }

    [BindProperty]
    public string? CoachUserId { get; set; }

    public bool IsCoordinator => Role == "coordinator";


    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAssignAsync(CancellationToken cancellationToken)
    {
        var coach = Directory.CoachesOf(User.UnitOf()).FirstOrDefault(c => c.UserId == CoachUserId);
        if (coach is null)
        {
            ModelState.AddModelError($"coach-{CaseId}", "Välj en IPS-coach på den här enheten.");
        }
        else
        {
            var result = await Gateway.PostAsync<CaseStatusResponse>($"api/ips/cases/{CaseId}/assign", new AssignCaseRequest(coach.UserId), cancellationToken);
            if (result.Value is { } assigned)
            {
                Notify($"Ärendet är fördelat till {coach.Name}.{(assigned.Warning is { } warning ? " Observera: " + warning : "")}");
                return RedirectToPage();
            }

            Show(result.Problem!, new Dictionary<string, string> { ["coachUserId"] = $"coach-{CaseId}" });
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (IsCoordinator)
        {
            var queue = await Gateway.GetAsync<List<QueueEntry>>("api/ips/queue", cancellationToken);
            Queue = [.. (queue.Value ?? []).OrderBy(q => q.ReceivedAt)];
            var caseloads = await Gateway.GetAsync<List<CoachCaseload>>("api/ips/caseload", cancellationToken);
            Caseloads = caseloads.Value ?? [];
            var reviews = await Gateway.GetAsync<List<CaseReview>>("api/ips/reviews", cancellationToken);
            Reviews = reviews.Value ?? [];
            foreach (var problem in new[] { queue.Problem, caseloads.Problem, reviews.Problem }.OfType<GatewayProblem>())
            {
                Show(problem);
            }
        }

        var cases = await Gateway.GetAsync<List<CaseSummary>>("api/ips/cases", cancellationToken);
        Cases = cases.Value ?? [];
        if (cases.Problem is { } casesProblem)
        {
            Show(casesProblem);
        }
    }
}
