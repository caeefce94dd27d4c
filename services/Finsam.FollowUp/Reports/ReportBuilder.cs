using Finsam.Contracts.Api.FollowUp;
using Finsam.Contracts.Codes;
using Finsam.Contracts.FollowUp;

namespace Finsam.FollowUp.Reports;

/// <summary>
/// Writes an intervention's report from what was recorded (issue 13, item 4; docs/adr/0033 has the definitions).
/// <list type="bullet">
/// <item>Enrolled: starts with the intake in the period (up to the as-of date); closed: ends in the period; ongoing:
/// every start of the intervention up to then less every end. These count everyone, anonymous or not.</item>
/// <item>Everything about where people came from and went (referrers, waiting, status at start and end, movement,
/// effectiveness, roll-ups) counts linked participants only: those with a statistics consent when the event was sent.
/// A start and an end are the same enrolment when their pseudonym and intake date agree.</item>
/// </list>
/// Every count goes out through <see cref="Figures"/>, so small cells are hidden the same way everywhere.
/// </summary>
public sealed class ReportBuilder(ReportSettings settings)
{
    public static readonly IReadOnlyList<string> ReferrerKeys =
        [Parties.HealthCare, Parties.Municipality, Parties.Arbetsformedlingen, Parties.Forsakringskassan, Referrers.Self];

    public static readonly IReadOnlyList<string> WaitingBuckets = ["0-2m", "2-4m", "4-6m", "6m+"];

    public static readonly IReadOnlyList<string> SupportBuckets = ["0-6", "7-12", "13-18", "18+"];

    public FollowUpReport Build(InterventionView intervention, DateOnly from, DateOnly to, DateOnly asOf, EnrolmentRecords records)
    {
        var figures = new Figures(settings.SmallCellThreshold);
        var end = to < asOf ? to : asOf;
        bool InPeriod(DateOnly date) => date >= from && date <= end;
        var starts = records.Starts.Where(s => InPeriod(s.IntakeDate)).ToList();
        var ends = records.Ends.Where(e => InPeriod(e.ClosedOn)).ToList();
        var linkedStarts = starts.Where(s => s.Linked).ToList();
        var linkedEnds = ends.Where(e => e.Linked).ToList();
        var startOf = records.Starts.Where(s => s.Linked).GroupBy(s => (s.Pseudonym, s.IntakeDate)).ToDictionary(g => g.Key, g => g.First());
        var closedWithStart = linkedEnds
            .Select(e => (end: e, start: startOf.GetValueOrDefault((e.Pseudonym, e.IntakeDate ?? default))))
            .Where(x => x.start is not null).Select(x => (x.end, start: x.start!)).ToList();

        var participants = Participants(figures, intervention, starts, ends, linkedEnds, Ongoing(intervention, records, end));
        var referrers = figures.Row("referrers", ReferrerKeys, key => linkedStarts.Count(s => s.ReferringParty == key));
        // An intake dated before its referral arrived was registered after the fact (a unit that starts using Finsam with
        // participants it already had): it says nothing about waiting, so it is left out of the waiting figures.
        var waited = linkedStarts.Where(s => s.ReceivedOn is { } received && received <= s.IntakeDate).ToList();
        var waiting = new WaitingFigures(
            figures.Median([.. waited.Select(s => s.IntakeDate.DayNumber - s.ReceivedOn!.Value.DayNumber)]),
            figures.Row("waitingDays.buckets", WaitingBuckets, bucket => waited.Count(s => WaitingBucket(s.ReceivedOn!.Value, s.IntakeDate) == bucket)));
        var months = linkedEnds.Where(e => e.IntakeDate is not null).Select(e => WholeMonths(e.IntakeDate!.Value, e.ClosedOn)).ToList();
        var support = new SupportFigures(
            figures.OfGroup(months, m => Math.Round(m.Average(), 1)), figures.OfGroup(months, m => m.Min()), figures.OfGroup(months, m => m.Max()),
            figures.Row("supportMonths.buckets", SupportBuckets, bucket => months.Count(m => SupportBucket(m) == bucket)));
        var atStart = Status(figures, "statusAtStart", Occupations.Statuses, linkedStarts.Select(s => (s.Occupation, s.IncomeSources, s.ExtentBand)).ToList());
        var atEnd = Status(figures, "statusAtEnd", Occupations.Outcomes, linkedEnds.Select(e => (e.Outcome, e.IncomeSources, e.ExtentBand)).ToList());
        var movement = Movement(figures, closedWithStart);
        var effectiveness = Effectiveness(figures, closedWithStart);
        var rollups = Rollups(figures, atEnd, linkedEnds);
        var daysToContact = new MedianFigure(figures.Median([.. linkedEnds.Where(e => e.DaysToFirstEmployerContact is not null).Select(e => e.DaysToFirstEmployerContact!.Value)]));
        var reAim = new ReAimFigures(
            participants.ReachPercent,
            effectiveness.Percent,
            new AdoptionFigure(intervention.UnitIds.Count(unit => starts.Any(s => s.UnitId == unit)), intervention.UnitIds.Count,
                starts.Select(s => s.CoachKey).OfType<string>().Distinct().Count()),
            [.. intervention.UnitIds.Select(unit => records.FidelityReviews.Where(r => r.UnitId == unit && r.Date <= asOf).MaxBy(r => r.Date) is { } latest
                ? new ImplementationFigure(unit, latest.Date, latest.Total, latest.Band)
                : new ImplementationFigure(unit, null, null, null))],
            Maintenance(figures, linkedEnds, records.FollowUps, asOf));
        return new FollowUpReport(
            intervention.InterventionId, intervention.Name, from, to, asOf, figures.Threshold, participants, referrers, waiting, support, atStart, atEnd, movement,
            effectiveness, rollups, daysToContact, Caseload(figures, intervention, records, end), reAim, figures.Suppressed);
    }

    /// <summary>The association's interventions side by side (seed 004), each over its own period up to <paramref name="asOf"/>.</summary>
    public AssociationSummary Summarise(string association, IReadOnlyList<(InterventionView Intervention, EnrolmentRecords Records)> interventions, DateOnly asOf)
    {
        var figures = new Figures(settings.SmallCellThreshold);
        var rows = interventions.Select(x =>
        {
            var end = x.Intervention.To < asOf ? x.Intervention.To : asOf;
            bool InPeriod(DateOnly date) => date >= x.Intervention.From && date <= end;
            return (x.Intervention,
                Participants: x.Records.Starts.Count(s => InPeriod(s.IntakeDate)),
                Employed: x.Records.Ends.Count(e => InPeriod(e.ClosedOn) && e.Outcome is { } outcome && settings.EmployedInForce.Contains(outcome)),
                Ongoing: Ongoing(x.Intervention, x.Records, end));
        }).ToList();
        var ids = rows.Select(r => r.Intervention.InterventionId).ToList();
        var participants = figures.Row("participants", ids, id => rows.Single(r => r.Intervention.InterventionId == id).Participants, "total.participants");
        var employed = figures.Row("employed", ids, id => rows.Single(r => r.Intervention.InterventionId == id).Employed, "total.employed");
        var ongoing = figures.Row("ongoing", ids, id => rows.Single(r => r.Intervention.InterventionId == id).Ongoing, "total.ongoing");
        int? Total(string path, Func<(InterventionView, int Participants, int Employed, int Ongoing), int> value) =>
            figures.IsHidden(path) ? null : figures.Count(path, rows.Sum(value));
        var total = new InterventionSummary(null, "Totalt",
            Total("total.participants", r => r.Participants), Total("total.employed", r => r.Employed), Total("total.ongoing", r => r.Ongoing));
        return new AssociationSummary(association,
            [.. rows.Select(r => new InterventionSummary(r.Intervention.InterventionId, r.Intervention.Name,
                participants[r.Intervention.InterventionId], employed[r.Intervention.InterventionId], ongoing[r.Intervention.InterventionId]))],
            total, figures.Suppressed);
    }

    /// <summary>The latest follow-up after closing, up to the as-of date, of each linked enrolment closed in the period.</summary>
    private MaintenanceFigure Maintenance(Figures figures, List<EndRow> linkedEnds, IReadOnlyList<FollowUpRow> followUps, DateOnly asOf)
    {
        var latest = followUps.Where(f => f.Date <= asOf).GroupBy(f => (f.Pseudonym, f.IntakeDate)).ToDictionary(g => g.Key, g => g.MaxBy(f => f.Date)!);
        var followedUp = linkedEnds.Select(e => latest.GetValueOrDefault((e.Pseudonym!, e.IntakeDate ?? default))).OfType<FollowUpRow>().ToList();
        var count = figures.Count("reAim.maintenance.followedUp", followedUp.Count);
        var working = figures.Count("reAim.maintenance.inWorkOrStudies", followedUp.Count(f => settings.WorkOrStudiesAtEndInForce.Contains(f.Occupation)));
        return new MaintenanceFigure(count, working, Figures.Percent(working, count));
    }

    /// <summary>Everyone enrolled since the intervention began and not closed by <paramref name="end"/>.</summary>
    private static int Ongoing(InterventionView intervention, EnrolmentRecords records, DateOnly end) => Math.Max(0,
        records.Starts.Count(s => s.IntakeDate >= intervention.From && s.IntakeDate <= end)
        - records.Ends.Count(e => e.ClosedOn >= intervention.From && e.ClosedOn <= end && (e.IntakeDate is null || e.IntakeDate >= intervention.From)));

    /// <summary>
    /// Each coach's open enrolments: starts less ends under their key. A case handed to another coach counts against the
    /// coach who closed it, so a figure can be off by a reassignment; the mean and maximum are only shown for enough coaches
    /// that no one coach's workload can be read from them.
    /// </summary>
    private static CaseloadFigure Caseload(Figures figures, InterventionView intervention, EnrolmentRecords records, DateOnly end)
    {
        var open = records.Starts.Where(s => s.CoachKey is not null && s.IntakeDate >= intervention.From && s.IntakeDate <= end).GroupBy(s => s.CoachKey!)
            .ToDictionary(g => g.Key, g => g.Count());
        foreach (var closed in records.Ends.Where(e => e.CoachKey is not null && e.ClosedOn >= intervention.From && e.ClosedOn <= end
                                                       && (e.IntakeDate is null || e.IntakeDate >= intervention.From)))
        {
            open[closed.CoachKey!] = open.GetValueOrDefault(closed.CoachKey!) - 1;
        }

        var caseloads = open.Values.Where(count => count > 0).ToList();
        return new CaseloadFigure(
            figures.Count("caseload.coaches", caseloads.Count), figures.OfGroup(caseloads, c => Math.Round(c.Average(), 1)), figures.OfGroup(caseloads, c => c.Max()));
    }

    private static ParticipantFigures Participants(
        Figures figures, InterventionView intervention, List<StartRow> starts, List<EndRow> ends, List<EndRow> linkedEnds, int ongoing)
    {
        var bySex = figures.Row("participants.bySex", EnrolmentCodes.Sexes, sex => starts.Count(s => s.Sex == sex), "participants.enrolled");
        var byAgeBand = figures.Row("participants.byAgeBand", AgeBands.All, band => starts.Count(s => s.AgeBand == band), "participants.enrolled");
        var enrolled = figures.IsHidden("participants.enrolled") ? null : figures.Count("participants.enrolled", starts.Count);
        return new ParticipantFigures(
            enrolled,
            figures.Count("participants.closed", ends.Count),
            figures.Count("participants.ongoing", ongoing),
            figures.Count("participants.droppedOut", linkedEnds.Count(e => e.Outcome == Occupations.DroppedOut)),
            figures.Count("participants.anonymous", starts.Count(s => !s.Linked)),
            intervention.TargetParticipants,
            intervention.TargetParticipants == 0 ? null : Figures.Percent(enrolled, intervention.TargetParticipants),
            bySex,
            byAgeBand);
    }

    private static StatusFigures Status(
        Figures figures, string path, IReadOnlyList<string> occupations, List<(string? Occupation, IReadOnlyList<string> Income, string? Extent)> statuses) => new(
        figures.Row($"{path}.occupation", occupations, code => statuses.Count(s => s.Occupation == code)),
        figures.Independent($"{path}.incomeSources", EnrolmentCodes.IncomeSources, code => statuses.Count(s => s.Income.Contains(code))),
        figures.Row($"{path}.extentBands", EnrolmentCodes.ExtentBands, band => statuses.Count(s => s.Extent == band)));

    /// <summary>Occupation at start against outcome at end, for the closed whose start is known; rows and columns with nobody are left out.</summary>
    private static Dictionary<string, IReadOnlyDictionary<string, int?>> Movement(Figures figures, List<(EndRow End, StartRow Start)> closed)
    {
        var rows = Occupations.Statuses.Where(code => closed.Any(x => x.Start.Occupation == code)).ToList();
        var columns = Occupations.Outcomes.Where(code => closed.Any(x => x.End.Outcome == code)).ToList();
        return figures.Matrix("movement", rows, columns, (from, to) => closed.Count(x => x.Start.Occupation == from && x.End.Outcome == to));
    }

    private EffectivenessFigures Effectiveness(Figures figures, List<(EndRow End, StartRow Start)> closed)
    {
        var moved = closed.Count(x => x.Start.IncomeSources.Any(settings.SupportAtStartInForce.Contains)
                                      && x.End.Outcome is { } outcome && settings.WorkOrStudiesAtEndInForce.Contains(outcome));
        var count = figures.Count("effectiveness.closed", closed.Count);
        var movedCount = figures.Count("effectiveness.movedToWorkOrStudies", moved);
        return new EffectivenessFigures(count, movedCount, Figures.Percent(movedCount, count));
    }

    /// <summary>
    /// A roll-up adds cells of the status at end; shown beside them it could give away a hidden one (the paid-work
    /// roll-up and the next one differ by the subsidised-work cell), so it is hidden whenever one of its cells is.
    /// </summary>
    private List<RollupFigure> Rollups(Figures figures, StatusFigures atEnd, List<EndRow> linkedEnds)
    {
        // The share of those closed; of fewer than the threshold it would be one person's share, so none is given.
        int? closed = linkedEnds.Count >= figures.Threshold ? linkedEnds.Count : null;
        return [.. settings.RollupsInForce.Select((rollup, index) =>
        {
            var path = $"rollups[{index}].count";
            var count = rollup.Codes.Any(code => atEnd.Occupation.TryGetValue(code, out var cell) && cell is null)
                ? figures.Hide(path)
                : figures.Count(path, linkedEnds.Count(e => e.Outcome is { } outcome && rollup.Codes.Contains(outcome)));
            return new RollupFigure(rollup.Name, rollup.Codes, count, Figures.Percent(count, closed));
        })];
    }

    /// <summary>Waiting in months as seed 001 buckets it: under two months from the referral's arrival is 0–2, and so on.</summary>
    public static string WaitingBucket(DateOnly received, DateOnly intake) =>
        intake < received.AddMonths(2) ? "0-2m" : intake < received.AddMonths(4) ? "2-4m" : intake < received.AddMonths(6) ? "4-6m" : "6m+";

    /// <summary>Completed calendar months from intake to closing.</summary>
    public static int WholeMonths(DateOnly from, DateOnly to)
    {
        var months = (to.Year - from.Year) * 12 + to.Month - from.Month;
        return from.AddMonths(months) > to ? months - 1 : months;
    }

    public static string SupportBucket(int months) => months switch
    {
        <= 6 => "0-6",
        <= 12 => "7-12",
        <= 18 => "13-18",
        _ => "18+",
    };
}
