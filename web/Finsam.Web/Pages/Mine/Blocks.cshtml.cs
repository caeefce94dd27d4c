using Finsam.Contracts.Api.Blocks;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Sections;
using Finsam.Web.Common;
using Microsoft.AspNetCore.Mvc;

namespace Finsam.Web.Pages.Mine;

/// <summary>
/// "Spärra uppgifter": the person stops a party from receiving some of their information, whatever a consent says,
/// and lifts the block when they want. A block is never hidden from staff: they see that it exists, not what it keeps.
/// </summary>
public sealed class BlocksModel : WebPage
{
    [BindProperty]
    public string? ToParty { get; set; }

    [BindProperty]
    public List<string> Categories { get; set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    public IReadOnlyList<BlockView> Blocks { get; private set; } = [];

    /// <summary>What can be blocked, per party that holds it.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Blockable => SectionCatalogue.ByParty;

    public static IReadOnlyList<string> Recipients => Parties.All;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var blocks = await Gateway.GetAsync<List<BlockView>>("api/me/blocks", cancellationToken);
        Blocks = blocks.Value ?? [];
        if (blocks.Problem is { } problem)
        {
            Show(problem);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await Gateway.PostAsync<BlockCreated>(
            "api/me/blocks", new RecordBlockRequest(ToParty, [.. Categories], null, string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim()), cancellationToken);
        if (result.IsSuccess)
        {
            Notify($"Spärren gäller nu. {Words.Party(ToParty)} får inte de uppgifterna, vad ett samtycke än säger.");
            return RedirectToPage();
        }

        Show(result.Problem!, new Dictionary<string, string> { ["toParty"] = nameof(ToParty), ["categories"] = nameof(Categories), ["reason"] = nameof(Reason) });
        await OnGetAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostLiftAsync(Guid blockId, CancellationToken cancellationToken)
    {
        var result = await Gateway.PostAsync<BlockView>($"api/blocks/{blockId}/lift", null, cancellationToken);
        if (result.IsSuccess)
        {
            Notify("Spärren är hävd. Dina samtycken gäller igen som de står.");
            return RedirectToPage();
        }

        Show(result.Problem!);
        await OnGetAsync(cancellationToken);
        return Page();
    }
}
