using Finsam.Web.Common;
using Microsoft.AspNetCore.Mvc;

namespace Finsam.Web.Pages.Cases;

/// <summary>
/// The intake (inskrivning, kartläggning): the coach records where the person stands at the start, the questions a
/// follow-up report needs (seed 002's coach form), no diagnosis. A new intake replaces the one in force; the earlier
/// stays with the case.
/// </summary>
public sealed class IntakeModel : WebPage
{
    [BindProperty(SupportsGet = true)]
    public Guid CaseId { get; set; }

    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? Sex { get; set; }
    [BindProperty] public string? BirthYear { get; set; }
    [BindProperty] public string? Education { get; set; }
    [BindProperty] public string? LastEmployed { get; set; }
    [BindProperty] public string? AfRegistered { get; set; }
    [BindProperty] public string? Occupation { get; set; }
    [BindProperty] public string? ExtentBand { get; set; }
    [BindProperty] public List<string> IncomeSources { get; set; } = [];
    [BindProperty] public string? TimeInPublicSupport { get; set; }
    [BindProperty] public string? WishAndGoal { get; set; }
    [BindProperty] public string? PlannedEnd { get; set; }

    public CaseDetail? Case { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Case?.Intake is { } intake)
        {
            (Date, Sex, BirthYear, Education, LastEmployed, AfRegistered, Occupation, ExtentBand, IncomeSources, TimeInPublicSupport, WishAndGoal) = (
                Words.Date(intake.Date), intake.Sex, intake.BirthYear.ToString(Words.Swedish), intake.Education, intake.LastEmployed,
                intake.AfRegistered ? "yes" : "no", intake.Occupation, intake.ExtentBand, [.. intake.IncomeSources], intake.TimeInPublicSupport, intake.WishAndGoal);
            // A corrected intake keeps the planned end as it stands (extended, perhaps), unless the coach changes it.
            PlannedEnd = Case.PlannedEnd is { } planned ? Words.Date(planned) : null;
        }
        else
        {
            Date = Words.Date(Words.Today(Clock));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // The API checks every code and date and says which field is wrong; the form sends what was chosen as it is.
        var body = new RecordIntakeRequest(
            Date, Sex, int.TryParse(BirthYear, System.Globalization.NumberStyles.None, Words.Swedish, out var year) ? year : null, Education, LastEmployed,
            AfRegistered switch { "yes" => true, "no" => false, _ => null }, Occupation, ExtentBand, [.. IncomeSources], TimeInPublicSupport,
            WishAndGoal, string.IsNullOrWhiteSpace(PlannedEnd) ? null : PlannedEnd);
        var result = await Gateway.PostAsync<CaseDetail>($"api/ips/cases/{CaseId}/intake", body, cancellationToken);
        if (result.Problem is { } problem)
        {
            Show(problem, new Dictionary<string, string>
            {
                ["date"] = nameof(Date), ["sex"] = nameof(Sex), ["birthYear"] = nameof(BirthYear), ["education"] = nameof(Education),
                ["lastEmployed"] = nameof(LastEmployed), ["afRegistered"] = nameof(AfRegistered), ["occupation"] = nameof(Occupation),
                ["extentBand"] = nameof(ExtentBand), ["incomeSources"] = nameof(IncomeSources), ["timeInPublicSupport"] = nameof(TimeInPublicSupport),
                ["wishAndGoal"] = nameof(WishAndGoal), ["plannedEnd"] = nameof(PlannedEnd),
            });
            await LoadAsync(cancellationToken);
            return Page();
        }

        Notify("Inskrivningen är sparad.");
        return RedirectToPage("/Cases/Index", new { caseId = CaseId });
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
