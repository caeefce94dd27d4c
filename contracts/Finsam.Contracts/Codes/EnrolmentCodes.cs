namespace Finsam.Contracts.Codes;

/// <summary>
/// The status at start and at end of an IPS enrolment (API.md, "The IPS case from intake to outcome"; the questions of
/// Socialstyrelsen's coach form, seed 002 Bilaga 1b, that a follow-up report needs). No diagnosis is asked.
/// </summary>
public static class EnrolmentCodes
{
    public static IReadOnlyList<string> Sexes { get; } = ["woman", "man", "other"];

    public static IReadOnlyList<string> Educations { get; } = ["compulsory", "upper-secondary", "post-secondary", "unknown"];

    public static IReadOnlyList<string> LastEmployed { get; } = ["never", "under-1-year", "1-5-years", "over-5-years", "unknown"];

    /// <summary>Share of full time, DOMAIN.md's bands, and none.</summary>
    public static IReadOnlyList<string> ExtentBands { get; } = ["none", "1-25", "26-50", "51-75", "76-100"];

    /// <summary>Income sources; several may hold at once.</summary>
    public static IReadOnlyList<string> IncomeSources { get; } =
        ["wage", "subsidised-wage", "fk-benefit", "forsorjningsstod", "a-kassa", "aktivitetsstod", "studiemedel", "none", "other"];

    public static IReadOnlyList<string> TimeInPublicSupport { get; } = ["under-1-year", "1-3-years", "over-3-years", "unknown"];

    /// <summary>Why an enrolment ended.</summary>
    public static IReadOnlyList<string> EndReasons { get; } =
        ["work", "studies", "other-intervention", "moved", "ill-health", "own-wish", "no-contact", "other"];

    public static IReadOnlyList<string> EmployerContactKinds { get; } = ["visit", "phone", "meeting", "email", "other"];

    /// <summary>Without a planned end at intake, the enrolment runs a year (seed 001).</summary>
    public const int DefaultEnrolmentMonths = 12;
}
