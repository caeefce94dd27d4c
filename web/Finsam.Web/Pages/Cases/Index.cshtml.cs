using System.Globalization;
using System.Text.Json;
using Finsam.Web.Gateway;
using Finsam.Web.Common;
using Microsoft.AspNetCore.Mvc;

namespace Finsam.Web.Pages.Cases;

/// <summary>
/// One IPS case: the referral content the consent allowed, the status with only the moves allowed from it, the
/// history, what AF and FK reported; while the case is open, the intake, extensions, employer contacts and placements
/// the coach records; closing asks for the status at end, shown beside the start. Opening it is a recorded view (the gateway records it).
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

    [BindProperty]
    public string? EndExtentBand { get; set; }

    [BindProperty]
    public List<string> EndIncomeSources { get; set; } = [];

    [BindProperty]
    public string? EndReason { get; set; }

    /// <summary>The statuses in which the API takes placements (CaseStatus.Open).</summary>
    private static readonly string[] OpenStatuses = ["assigned", "active", "dormant", "inactive"];

    [BindProperty]
    public string? PlacementType { get; set; }

    [BindProperty]
    public string? Employer { get; set; }

    [BindProperty]
    public string? ExtentPercent { get; set; }

    [BindProperty]
    public string? PlacementFrom { get; set; }

    [BindProperty]
    public string? PlacementTo { get; set; }

    [BindProperty]
    public string? EndTo { get; set; }

    [BindProperty] public string? ExtendUntil { get; set; }
    [BindProperty] public string? ExtendReason { get; set; }
    [BindProperty] public string? ContactDate { get; set; }
    [BindProperty] public string? ContactEmployer { get; set; }
    [BindProperty] public string? ContactKind { get; set; }
    [BindProperty] public string? ContactNote { get; set; }
    [BindProperty] public string? FollowUpDate { get; set; }
    [BindProperty] public string? FollowUpMonths { get; set; }
    [BindProperty] public string? FollowUpOccupation { get; set; }
    [BindProperty] public string? FollowUpExtentBand { get; set; }
    [BindProperty] public List<string> FollowUpIncomeSources { get; set; } = [];

    public static readonly IReadOnlyDictionary<string, string> FollowUpMonthsChoices = new Dictionary<string, string>
    {
        ["6"] = "6 månader efter avslut", ["12"] = "12 månader efter avslut",
    };

    public CaseDetail? Case { get; private set; }

    /// <summary>Open cases take placements, intakes, extensions and employer contacts.</summary>
    public bool IsOpen => Case is not null && OpenStatuses.Contains(Case.Status);

    public bool TakesPlacements => IsOpen;

    public bool PastPlannedEnd => IsOpen && Case!.PlannedEnd is { } end && end < Words.Today(Clock);

    public string Today => Words.Date(Words.Today(Clock));

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
        var closing = NextStatus == "closed";
        // The case cannot close without where the person stands at the end: a report needs it beside the intake.
        ModelState.Require(!closing || (Outcome is not null && Words.Outcomes.ContainsKey(Outcome)), nameof(Outcome), "Välj sysselsättning vid avslut.");
        ModelState.Require(!closing || (EndExtentBand is not null && Words.ExtentBands.ContainsKey(EndExtentBand)), nameof(EndExtentBand), "Välj omfattning vid avslut.");
        ModelState.Require(!closing || (EndIncomeSources.Count > 0 && EndIncomeSources.All(Words.IncomeSources.ContainsKey)), nameof(EndIncomeSources), "Välj minst en försörjningskälla.");
        ModelState.Require(!closing || (EndReason is not null && Words.EndReasons.ContainsKey(EndReason)), nameof(EndReason), "Välj anledning till avslut.");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var body = new ChangeCaseStatusRequest(
            NextStatus, string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim(), closing ? Outcome : null,
            closing ? new EndStatusRequest(EndExtentBand, [.. EndIncomeSources], EndReason) : null);
        var result = await Gateway.PostAsync<CaseSummary>($"api/ips/cases/{CaseId}/status", body, cancellationToken);
        if (result.Problem is { } problem)
        {
            Show(problem, new Dictionary<string, string>
            {
                ["status"] = nameof(NextStatus), ["reason"] = nameof(Reason), ["outcome"] = nameof(Outcome), ["endStatus.extentBand"] = nameof(EndExtentBand),
                ["endStatus.incomeSources"] = nameof(EndIncomeSources), ["endStatus.endReason"] = nameof(EndReason), ["endStatus"] = nameof(Outcome),
            });
            return Page();
        }

        Notify($"Ärendet har nu status {Words.Of(Words.CaseStatuses, NextStatus).ToLowerInvariant()}.");
        return RedirectToPage(new { caseId = CaseId });
    }

    public async Task<IActionResult> OnPostPlacementAsync(CancellationToken cancellationToken)
    {
        ModelState.Require(PlacementType is not null && Words.PlacementTypes.ContainsKey(PlacementType), nameof(PlacementType), "Välj typ av placering.");
        ModelState.RequireText(Employer, nameof(Employer), "Ange arbetsgivare (eller skola).", 200);
        ModelState.Require(int.TryParse(ExtentPercent, NumberStyles.None, CultureInfo.InvariantCulture, out var extent) && extent is >= 1 and <= 100,
            nameof(ExtentPercent), "Ange omfattningen som ett heltal 1–100.");
        ModelState.Require(IsDate(PlacementFrom), nameof(PlacementFrom), "Ange startdatum.");
        ModelState.Require(string.IsNullOrEmpty(PlacementTo) || (IsDate(PlacementTo) && string.CompareOrdinal(PlacementTo, PlacementFrom) >= 0),
            nameof(PlacementTo), "Slutdatum kan inte vara före startdatum.");
        if (ModelState.IsValid)
        {
            var body = new RecordPlacementRequest(
                PlacementType, Employer!.Trim(), JsonSerializer.SerializeToElement(extent), PlacementFrom, string.IsNullOrEmpty(PlacementTo) ? null : PlacementTo);
            var result = await Gateway.PostAsync<PlacementView>($"api/ips/cases/{CaseId}/placements", body, cancellationToken);
            if (result.IsSuccess)
            {
                Notify($"Placeringen hos {Employer.Trim()} är registrerad.");
                return RedirectToPage(new { caseId = CaseId });
            }

            Show(result.Problem!, new Dictionary<string, string>
            {
                ["type"] = nameof(PlacementType), ["employer"] = nameof(Employer), ["extentPercent"] = nameof(ExtentPercent),
                ["from"] = nameof(PlacementFrom), ["to"] = nameof(PlacementTo),
            });
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostEndPlacementAsync(Guid placementId, CancellationToken cancellationToken)
    {
        ModelState.Require(IsDate(EndTo), nameof(EndTo), "Ange slutdatum.");
        if (ModelState.IsValid)
        {
            var result = await Gateway.PostAsync<PlacementView>($"api/ips/cases/{CaseId}/placements/{placementId}/end", new EndPlacementRequest(EndTo), cancellationToken);
            if (result.IsSuccess)
            {
                Notify("Placeringen är avslutad.");
                return RedirectToPage(new { caseId = CaseId });
            }

            Show(result.Problem!, new Dictionary<string, string> { ["to"] = nameof(EndTo) });
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostExtendAsync(CancellationToken cancellationToken)
    {
        ModelState.Require(IsDate(ExtendUntil), nameof(ExtendUntil), "Ange nytt slutdatum.");
        ModelState.RequireText(ExtendReason, nameof(ExtendReason), "Ange varför inskrivningen förlängs.", 2000);
        if (ModelState.IsValid)
        {
            var result = await Gateway.PostAsync<CaseDetail>($"api/ips/cases/{CaseId}/extend", new ExtendCaseRequest(ExtendUntil, ExtendReason!.Trim()), cancellationToken);
            if (result.IsSuccess)
            {
                Notify($"Inskrivningen är förlängd till {ExtendUntil}.");
                return RedirectToPage(new { caseId = CaseId });
            }

            Show(result.Problem!, new Dictionary<string, string> { ["until"] = nameof(ExtendUntil), ["reason"] = nameof(ExtendReason) });
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostEmployerContactAsync(CancellationToken cancellationToken)
    {
        ModelState.Require(IsDate(ContactDate), nameof(ContactDate), "Ange datum.");
        ModelState.RequireText(ContactEmployer, nameof(ContactEmployer), "Ange arbetsgivare.", 200);
        ModelState.Require(ContactKind is not null && Words.EmployerContactKinds.ContainsKey(ContactKind), nameof(ContactKind), "Välj typ av kontakt.");
        if (ModelState.IsValid)
        {
            var body = new EmployerContactRequest(ContactDate, ContactEmployer!.Trim(), ContactKind, string.IsNullOrWhiteSpace(ContactNote) ? null : ContactNote.Trim());
            var result = await Gateway.PostAsync<EmployerContactView>($"api/ips/cases/{CaseId}/employer-contacts", body, cancellationToken);
            if (result.IsSuccess)
            {
                Notify($"Kontakten med {ContactEmployer.Trim()} är registrerad.");
                return RedirectToPage(new { caseId = CaseId });
            }

            Show(result.Problem!, new Dictionary<string, string>
            {
                ["date"] = nameof(ContactDate), ["employer"] = nameof(ContactEmployer), ["kind"] = nameof(ContactKind), ["note"] = nameof(ContactNote),
            });
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Where the person stands 6 or 12 months after closing (RE-AIM's maintenance); the API checks each field.</summary>
    public async Task<IActionResult> OnPostFollowUpAsync(CancellationToken cancellationToken)
    {
        ModelState.Require(IsDate(FollowUpDate), nameof(FollowUpDate), "Ange datum för uppföljningen.");
        ModelState.Require(FollowUpMonths is not null && FollowUpMonthsChoices.ContainsKey(FollowUpMonths), nameof(FollowUpMonths), "Välj 6 eller 12 månader.");
        if (ModelState.IsValid)
        {
            var body = new PostClosingFollowUpRequest(FollowUpDate, int.Parse(FollowUpMonths!, CultureInfo.InvariantCulture), FollowUpOccupation, FollowUpExtentBand, FollowUpIncomeSources);
            var result = await Gateway.PostAsync<CaseDetail>($"api/ips/cases/{CaseId}/post-closing-follow-ups", body, cancellationToken);
            if (result.IsSuccess)
            {
                Notify("Uppföljningen efter avslut är registrerad.");
                return RedirectToPage(new { caseId = CaseId });
            }

            Show(result.Problem!, new Dictionary<string, string>
            {
                ["date"] = nameof(FollowUpDate), ["monthsAfter"] = nameof(FollowUpMonths), ["occupation"] = nameof(FollowUpOccupation),
                ["extentBand"] = nameof(FollowUpExtentBand), ["incomeSources"] = nameof(FollowUpIncomeSources),
            });
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private static bool IsDate(string? text) => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

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
