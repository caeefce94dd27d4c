using Finsam.Contracts.Api.Feedback;
using Finsam.Web.Common;
using Microsoft.AspNetCore.Mvc;

namespace Finsam.Web.Pages.Mine;

/// <summary>
/// "Lämna synpunkter eller klagomål": the person writes to a unit (or to the association, naming none), and sees
/// here whether it has been answered and what the answer says.
/// </summary>
public sealed class FeedbackModel : WebPage
{
    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public string? UnitId { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    public IReadOnlyList<FeedbackView> Sent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var sent = await Gateway.GetAsync<List<FeedbackView>>("api/me/feedback", cancellationToken);
        Sent = sent.Value ?? [];
        if (sent.Problem is { } problem)
        {
            Show(problem);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await Gateway.PostAsync<FeedbackSubmitted>(
            "api/me/feedback", new SubmitFeedbackRequest(Kind, Text, string.IsNullOrWhiteSpace(UnitId) ? null : UnitId), cancellationToken);
        if (result.IsSuccess)
        {
            Notify("Tack. Din synpunkt är skickad. Svaret kommer här.");
            return RedirectToPage();
        }

        Show(result.Problem!, new Dictionary<string, string> { ["kind"] = nameof(Kind), ["text"] = nameof(Text), ["unitId"] = nameof(UnitId) });
        await OnGetAsync(cancellationToken);
        return Page();
    }
}
