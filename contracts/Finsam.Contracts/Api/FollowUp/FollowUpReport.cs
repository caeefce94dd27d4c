namespace Finsam.Contracts.Api.FollowUp;

/// <summary>An intervention (insats) a samordningsförbund funds: its units, period and target number of participants.</summary>
public sealed record InterventionView(
    string InterventionId, string Name, string Association, IReadOnlyList<string> UnitIds, DateOnly From, DateOnly To, int TargetParticipants);

/// <summary>
/// The follow-up report of one intervention for a period, as of a date (API.md, "Follow-up"). Every count is an integer
/// or, when it is a small cell or could be worked out from one, null with its path in <see cref="Suppressed"/>. No
/// personal data: counts, medians and means of groups at least as large as <see cref="Threshold"/>.
/// </summary>
public sealed record FollowUpReport(
    string InterventionId,
    string Name,
    DateOnly From,
    DateOnly To,
    DateOnly AsOf,
    int Threshold,
    ParticipantFigures Participants,
    IReadOnlyDictionary<string, int?> Referrers,
    WaitingFigures WaitingDays,
    SupportFigures SupportMonths,
    StatusFigures StatusAtStart,
    StatusFigures StatusAtEnd,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int?>> Movement,
    EffectivenessFigures Effectiveness,
    IReadOnlyList<RollupFigure> Rollups,
    MedianFigure DaysToFirstEmployerContact,
    CaseloadFigure Caseload,
    ReAimFigures ReAim,
    IReadOnlyList<string> Suppressed);

/// <summary>
/// Enrolled and closed in the period; ongoing and reach as of its end. Anonymous: enrolled without a statistics consent,
/// so counted here and by sex and age band only.
/// </summary>
public sealed record ParticipantFigures(
    int? Enrolled, int? Closed, int? Ongoing, int? DroppedOut, int? Anonymous, int Target, int? ReachPercent,
    IReadOnlyDictionary<string, int?> BySex, IReadOnlyDictionary<string, int?> ByAgeBand);

/// <summary>Days from the referral's arrival to intake; buckets in months as seed 001 counts them.</summary>
public sealed record WaitingFigures(double? Median, IReadOnlyDictionary<string, int?> Buckets);

/// <summary>Whole months from intake to closing, of those closed in the period.</summary>
public sealed record SupportFigures(double? Mean, int? Min, int? Max, IReadOnlyDictionary<string, int?> Buckets);

public sealed record StatusFigures(
    IReadOnlyDictionary<string, int?> Occupation, IReadOnlyDictionary<string, int?> IncomeSources, IReadOnlyDictionary<string, int?> ExtentBands);

/// <summary>Of those closed whose start is known, how many moved from benefits or assistance at start to work, praktik or studies.</summary>
public sealed record EffectivenessFigures(int? Closed, int? MovedToWorkOrStudies, int? Percent);

/// <summary>A roll-up of outcomes at end, e.g. "paid work" → "+ lönebidrag" → "+ praktik and studies" (seed 002, Tabell 11).</summary>
public sealed record RollupFigure(string Name, IReadOnlyList<string> Codes, int? Count, int? Percent);

public sealed record MedianFigure(double? Median);

/// <summary>Open enrolments per coach as of the period's end: how many coaches carry any, the mean and the largest.</summary>
public sealed record CaseloadFigure(int? Coaches, double? Mean, int? Max);

/// <summary>
/// RE-AIM (seed 003): reach and effectiveness in percent; adoption as the units with an enrolment in the period of the
/// intervention's units, and the coaches who enrolled someone; implementation as each unit's latest fidelity review up to the as-of date; maintenance as
/// the status at the latest follow-up after closing of those closed in the period who have one.
/// </summary>
public sealed record ReAimFigures(
    int? Reach, int? Effectiveness, AdoptionFigure Adoption, IReadOnlyList<ImplementationFigure> Implementation, MaintenanceFigure Maintenance);

/// <summary>Of those closed in the period with a follow-up after closing recorded by the as-of date, how many were in work, praktik or studies at it.</summary>
public sealed record MaintenanceFigure(int? FollowedUp, int? InWorkOrStudies, int? Percent);

public sealed record AdoptionFigure(int UnitsActive, int Units, int CoachesActive);

public sealed record ImplementationFigure(string UnitId, DateOnly? ReviewedOn, int? Total, string? Band);

/// <summary>The association's interventions side by side (seed 004): participants, employed at end, ongoing.</summary>
public sealed record AssociationSummary(string Association, IReadOnlyList<InterventionSummary> Items, InterventionSummary Total, IReadOnlyList<string> Suppressed);

public sealed record InterventionSummary(string? InterventionId, string Name, int? Participants, int? Employed, int? Ongoing);
