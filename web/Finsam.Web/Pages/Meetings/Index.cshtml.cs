using System.Globalization;
using Finsam.Contracts.Codes;
using Finsam.Web.Gateway;
using Finsam.Web.Common;
using Microsoft.AspNetCore.Mvc;

namespace Finsam.Web.Pages.Meetings;

public sealed class ActionInput
{
    public string? OwnerParty { get; set; }

    public string? Description { get; set; }

    public string? Due { get; set; }
}

/// <summary>
/// A follow-up meeting: who takes part (and whether the consent still covers them), the minutes with decisions and
/// action items (every next step has an owning party and a date), the next meeting, and actions marked done.
/// </summary>
public sealed class IndexModel : WebPage
{
    public const int ActionRows = 3;

    [BindProperty(SupportsGet = true)]
    public Guid MeetingId { get; set; }

    [BindProperty]
    public string? Notes { get; set; }

    [BindProperty]
    public string? Decisions { get; set; }

    [BindProperty]
    public List<ActionInput> Actions { get; set; } = [];

    [BindProperty]
    public string? NextMeetingAt { get; set; }

    public MeetingView? Meeting { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostMinutesAsync(CancellationToken cancellationToken)
    {
        ModelState.RequireText(Notes, nameof(Notes), "Skriv anteckningar från mötet.", 10_000);
        var decisions = (Decisions ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        ModelState.Require(decisions.All(d => d.Length <= 2000), nameof(Decisions), "Ett beslut är 1–2000 tecken.");
        var actions = Actions.Where(a => !string.IsNullOrWhiteSpace(a.Description) || !string.IsNullOrWhiteSpace(a.OwnerParty) || !string.IsNullOrWhiteSpace(a.Due)).ToList();
        for (var i = 0; i < Actions.Count; i++)
        {
            var a = Actions[i];
            if (!actions.Contains(a))
            {
                continue;
            }

            ModelState.Require(Parties.IsValid(a.OwnerParty), $"Actions[{i}].OwnerParty", $"Åtgärd {i + 1}: välj en ansvarig part.");
            ModelState.RequireText(a.Description, $"Actions[{i}].Description", $"Åtgärd {i + 1}: beskriv åtgärden.", 2000);
            ModelState.Require(DateOnly.TryParseExact(a.Due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), $"Actions[{i}].Due",
                $"Åtgärd {i + 1}: ange ett datum ÅÅÅÅ-MM-DD.");
        }

        DateTimeOffset? next = null;
        if (!string.IsNullOrWhiteSpace(NextMeetingAt))
        {
            if (DateTime.TryParseExact(NextMeetingAt, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                next = Words.FromLocal(local);
            }

            ModelState.Require(next is { } n && n > Clock.GetUtcNow(), nameof(NextMeetingAt), "Nästa möte behöver ligga i framtiden.");
        }

        if (ModelState.IsValid)
        {
            var body = new MinutesRequest(
                Notes!.Trim(), decisions, [.. actions.Select(a => new ActionRequest(a.OwnerParty, a.Description!.Trim(), a.Due))], next);
            var result = await Gateway.PostAsync<MinutesResponse>($"api/meetings/{MeetingId}/minutes", body, cancellationToken);
            if (result.IsSuccess)
            {
                Notify("Protokollet är sparat.");
                return RedirectToPage(new { meetingId = MeetingId });
            }

            Show(result.Problem!, new Dictionary<string, string> { ["notes"] = nameof(Notes), ["decisions"] = nameof(Decisions), ["nextMeetingAt"] = nameof(NextMeetingAt), ["actions"] = nameof(Actions) });
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDoneAsync(Guid actionId, CancellationToken cancellationToken)
    {
        var result = await Gateway.PostAsync<object>($"api/meetings/{MeetingId}/actions/{actionId}/done", null, cancellationToken);
        if (result.IsSuccess)
        {
            Notify("Åtgärden är markerad som klar.");
            return RedirectToPage(new { meetingId = MeetingId });
        }

        Show(result.Problem!);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var result = await Gateway.GetAsync<MeetingView>($"api/meetings/{MeetingId}", cancellationToken);
        Meeting = result.Value;
        if (result.Problem is { } problem)
        {
            Show(problem);
        }

        while (Actions.Count < ActionRows)
        {
            Actions.Add(new ActionInput());
        }
    }
}
