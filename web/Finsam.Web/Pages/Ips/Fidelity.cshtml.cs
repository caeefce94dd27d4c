using Finsam.Contracts.Codes;
using Finsam.Web.Common;
using Finsam.Web.SignIn;
using Microsoft.AspNetCore.Mvc;

namespace Finsam.Web.Pages.Ips;

/// <summary>
/// The unit's IPS fidelity reviews (IPS-25): earlier reviews side by side, item by item, and for the coordinator a form
/// with the 25 items, prefilled with the scores Finsam suggests from the unit's records where it can measure them.
/// </summary>
public sealed class FidelityModel : WebPage
{
    public static readonly IReadOnlyDictionary<string, string> Bands = new Dictionary<string, string>
    {
        [FidelityScale.Exemplary] = "Mycket god IPS (115–125)", [FidelityScale.Good] = "God IPS (100–114)",
        [FidelityScale.Fair] = "Godtagbar IPS (74–99)", [FidelityScale.NotIps] = "Inte IPS (73 eller lägre)",
    };

    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? Reviewers { get; set; }
    [BindProperty] public List<string?> Scores { get; set; } = [];
    [BindProperty] public List<string?> Notes { get; set; } = [];

    public IReadOnlyList<FidelityReviewView> Reviews { get; private set; } = [];

    public IReadOnlyDictionary<int, FidelitySuggestion> Suggestions { get; private set; } = new Dictionary<int, FidelitySuggestion>();

    public bool IsCoordinator => Role == "coordinator";

    private string UnitPath => $"api/ips/units/{Uri.EscapeDataString(User.UnitOf())}/fidelity-reviews";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Date = Words.Date(Words.Today(Clock));
        Scores = [.. Enumerable.Range(1, FidelityScale.Items).Select(item => Suggestions.TryGetValue(item, out var s) ? s.Score.ToString(Words.Swedish) : null)];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // The API checks every score and says which item is wrong; the form sends what was chosen.
        var items = Enumerable.Range(0, FidelityScale.Items).Select(i => new FidelityItemRequest(
            i + 1, int.TryParse(Scores.ElementAtOrDefault(i), out var score) ? score : null,
            string.IsNullOrWhiteSpace(Notes.ElementAtOrDefault(i)) ? null : Notes[i]!.Trim())).ToList();
        var reviewers = (Reviewers ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = await Gateway.PostAsync<FidelityReviewRecorded>(UnitPath, new RecordFidelityReviewRequest(Date, reviewers, items), cancellationToken);
        if (result.Value is { } recorded)
        {
            Notify($"Bedömningen är sparad: {recorded.Total} poäng. {Words.Of(Bands, recorded.Band)}.");
            return RedirectToPage();
        }

        var fields = new Dictionary<string, string> { ["date"] = nameof(Date), ["reviewers"] = nameof(Reviewers), ["items"] = nameof(Scores) };
        for (var i = 0; i < FidelityScale.Items; i++)
        {
            fields[$"items[{i}].score"] = $"Scores[{i}]";
            fields[$"items[{i}].note"] = $"Notes[{i}]";
        }

        Show(result.Problem!, fields);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var reviews = await Gateway.GetAsync<List<FidelityReviewView>>(UnitPath, cancellationToken);
        Reviews = reviews.Value ?? [];
        var suggested = await Gateway.GetAsync<List<FidelitySuggestion>>($"{UnitPath}/suggested", cancellationToken);
        Suggestions = (suggested.Value ?? []).ToDictionary(s => s.Item);
        foreach (var problem in new[] { reviews.Problem, suggested.Problem }.OfType<Gateway.GatewayProblem>())
        {
            Show(problem);
        }
    }
}
