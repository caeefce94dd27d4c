namespace Finsam.Contracts.Api.Ips;

/// <summary>Intake (inskrivning, kartläggning): where the person stands at the start. Dates are <c>yyyy-MM-dd</c>.</summary>
public sealed record RecordIntakeRequest(
    string? Date, string? Sex, int? BirthYear, string? Education, string? LastEmployed, bool? AfRegistered, string? Occupation,
    string? ExtentBand, IReadOnlyList<string?>? IncomeSources, string? TimeInPublicSupport, string? WishAndGoal, string? PlannedEnd = null);

public sealed record IntakeView(
    DateOnly Date, string Sex, int BirthYear, string Education, string LastEmployed, bool AfRegistered, string Occupation, string ExtentBand,
    IReadOnlyList<string> IncomeSources, string TimeInPublicSupport, string WishAndGoal, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>A longer enrolment than planned, with why.</summary>
public sealed record ExtendCaseRequest(string? Until, string? Reason);

public sealed record ExtensionView(DateOnly? From, DateOnly Until, string Reason, string ByUser, DateTimeOffset At);

/// <summary>A contact with an employer on the person's behalf (IPS: the first within about 30 days of intake).</summary>
public sealed record EmployerContactRequest(string? Date, string? Employer, string? Kind, string? Note = null);

public sealed record EmployerContactView(Guid ContactId, DateOnly Date, string Employer, string Kind, string? Note, string RecordedBy);

/// <summary>Where the person stands when the case closes; the occupation is the closing's <c>outcome</c>.</summary>
public sealed record EndStatusRequest(string? ExtentBand, IReadOnlyList<string?>? IncomeSources, string? EndReason);

public sealed record EndStatusView(DateTimeOffset ClosedAt, string Outcome, string ExtentBand, IReadOnlyList<string> IncomeSources, string EndReason);

/// <summary>Each time the case closed: the intake in force then beside the status at end, kept when the case is reopened.</summary>
public sealed record ClosedPeriodView(IntakeView? Start, EndStatusView End);

/// <summary>A case the coordinator should decide on: inactive too long, or past its planned end.</summary>
public sealed record CaseReview(Guid CaseId, string PersonRef, string Status, DateTimeOffset Since, string Reason);

public sealed record CoachCaseload(string CoachUserId, string Name, int OpenCases, int Limit);

/// <summary>
/// Where the person stands some months after the case closed (6 or 12; RE-AIM's maintenance, seed 003): asked by the
/// coach at a follow-up contact. Dates are <c>yyyy-MM-dd</c>.
/// </summary>
public sealed record PostClosingFollowUpRequest(string? Date, int? MonthsAfter, string? Occupation, string? ExtentBand, IReadOnlyList<string?>? IncomeSources);

public sealed record PostClosingFollowUpView(
    DateOnly Date, int MonthsAfter, string Occupation, string ExtentBand, IReadOnlyList<string> IncomeSources, string RecordedBy, DateTimeOffset RecordedAt);
