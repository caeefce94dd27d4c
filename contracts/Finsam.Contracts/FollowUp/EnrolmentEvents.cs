namespace Finsam.Contracts.FollowUp;

/// <summary>
/// What the follow-up service learns of an enrolment: de-identified, never a personRef, a name or a personnummer.
/// Every event counts the person anonymously (unit, date, sex, age band). Only while the person has an active
/// statistics consent does it also carry <see cref="EnrolmentStarted.StatisticsPseudonym"/> (a keyed hash with its own
/// key, not personRef) and the status, so that start and end can be linked (issue 13; DOMAIN.md, statistics consent).
/// </summary>
public sealed record EnrolmentStarted
{
    public required Guid EventId { get; init; }

    public required string UnitId { get; init; }

    /// <summary>The intake date, a Swedish calendar date.</summary>
    public required DateOnly IntakeDate { get; init; }

    public required string Sex { get; init; }

    /// <summary>One of <see cref="AgeBands.All"/>, at the intake date.</summary>
    public required string AgeBand { get; init; }

    public string? StatisticsPseudonym { get; init; }

    /// <summary>
    /// The case's coach as a keyed pseudonym (never the user id), so the follow-up can count active coaches and caseloads
    /// without knowing who they are. Null when no coach is assigned.
    /// </summary>
    public string? CoachKey { get; init; }

    /// <summary>Present only with <see cref="StatisticsPseudonym"/>.</summary>
    public StartDetails? Linked { get; init; }
}

/// <summary>The status at start and where the enrolment came from (a party, or <c>self</c>), for linked participants.</summary>
public sealed record StartDetails(
    string ReferringParty, DateOnly ReceivedOn, string Occupation, string ExtentBand, IReadOnlyList<string> IncomeSources, string Education,
    string LastEmployed, bool AfRegistered, string TimeInPublicSupport);

public sealed record EnrolmentEnded
{
    public required Guid EventId { get; init; }

    public required string UnitId { get; init; }

    /// <summary>The day the case closed, a Swedish calendar date.</summary>
    public required DateOnly ClosedOn { get; init; }

    public required string Sex { get; init; }

    public required string AgeBand { get; init; }

    public string? StatisticsPseudonym { get; init; }

    /// <summary>The coach at closing, keyed as in <see cref="EnrolmentStarted.CoachKey"/>.</summary>
    public string? CoachKey { get; init; }

    /// <summary>Present only with <see cref="StatisticsPseudonym"/>.</summary>
    public EndDetails? Linked { get; init; }
}

/// <summary>The status at end, and the intake it closes (to link it with its start), for linked participants.</summary>
public sealed record EndDetails(
    DateOnly IntakeDate, string Outcome, string ExtentBand, IReadOnlyList<string> IncomeSources, string EndReason, int? DaysToFirstEmployerContact);

/// <summary>Age bands as official statistics count them; no birth year leaves the unit.</summary>
public static class AgeBands
{
    public static IReadOnlyList<string> All { get; } = ["16-24", "25-34", "35-44", "45-54", "55-64", "65+"];

    /// <summary>The band of someone born in <paramref name="birthYear"/>, in the year of <paramref name="on"/> (the age they turn that year).</summary>
    public static string Of(int birthYear, DateOnly on) => (on.Year - birthYear) switch
    {
        < 25 => "16-24",
        < 35 => "25-34",
        < 45 => "35-44",
        < 55 => "45-54",
        < 65 => "55-64",
        _ => "65+",
    };
}

/// <summary>
/// Where a participant stood some months after closing (RE-AIM's maintenance). Sent only under an active statistics
/// consent, since it means nothing unless it links to the enrolment it follows (pseudonym and intake date).
/// </summary>
public sealed record EnrolmentFollowedUp(
    Guid EventId, string UnitId, DateOnly Date, int MonthsAfter, string StatisticsPseudonym, DateOnly IntakeDate, string Occupation, string ExtentBand,
    IReadOnlyList<string> IncomeSources);
