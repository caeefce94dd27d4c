using Finsam.Contracts.Api.Feedback;
using Finsam.Web.Common;
using Microsoft.AspNetCore.Mvc;

namespace Finsam.Web.Pages.Feedback;

/// <summary>The feedback and complaints persons sent to the units the signed-in member of staff answers for, and the answer form.</summary>
public sealed class IndexModel : WebPage
{
    public IReadOnlyList<FeedbackView> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var items = await Gateway.GetAsync<List<FeedbackView>>("api/feedback", cancellationToken);
        Items = items.Value ?? [];
        if (items.Problem is { } problem)
        {
            Show(problem);
        }
    }

    public async Task<IActionResult> OnPostAnswerAsync(Guid feedbackId, string? answer, CancellationToken cancellationToken)
    {
        var result = await Gateway.PostAsync<FeedbackView>($"api/feedback/{feedbackId}/answer", new AnswerFeedbackRequest(answer), cancellationToken);
        if (result.IsSuccess)
        {
            Notify("Svaret är skickat. Personen ser det när hen loggar in.");
            return RedirectToPage();
        }

        Show(result.Problem!);
        await OnGetAsync(cancellationToken);
        return Page();
    }
}
