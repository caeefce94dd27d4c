namespace Finsam.Contracts.Codes;

/// <summary>
/// The occupation part of the outcome taxonomy (DOMAIN.md), one code list for two uses: the outcome a case
/// closes with, and the placements a coach records during it (<c>ips.employment</c>). A placement names the
/// subsidised form (lönebidrag, lönestöd, nystartsjobb, extratjänst) because AF's decisions and the person's
/// income depend on it; an outcome keeps the roll-up <see cref="SubsidisedWork"/> that reports count.
/// </summary>
public static class Occupations
{
    public const string PaidWork = "paid-work";
    public const string SubsidisedWork = "subsidised-work";
    public const string Lonebidrag = "lonebidrag";
    public const string Lonestod = "lonestod";
    public const string Nystartsjobb = "nystartsjobb";
    public const string Extratjanst = "extratjanst";
    public const string Osa = "osa";
    public const string Praktik = "praktik";
    public const string Arbetstraning = "arbetstraning";
    public const string Studies = "studies";
    public const string DailyActivity = "daily-activity";
    public const string SocialCooperative = "social-cooperative";
    public const string None = "none";
    public const string Other = "other";
    public const string DroppedOut = "dropped-out";

    /// <summary>What a case may close with.</summary>
    public static IReadOnlyList<string> Outcomes { get; } =
    [
        PaidWork, SubsidisedWork, Osa, Praktik, Arbetstraning, Studies, DailyActivity, SocialCooperative, None, Other, DroppedOut,
    ];

    /// <summary>Where a person stands at intake: the outcomes but dropping out.</summary>
    public static IReadOnlyList<string> Statuses { get; } = [.. Outcomes.Where(o => o != DroppedOut)];

    /// <summary>
    /// The occupations that are a placement somewhere, with an employer (or school) and an extent. Day activity,
    /// none and other are a status, not a place a coach finds for someone.
    /// </summary>
    public static IReadOnlyList<string> PlacementTypes { get; } =
    [
        PaidWork, Lonebidrag, Lonestod, Nystartsjobb, Extratjanst, Osa, Praktik, Arbetstraning, Studies,
    ];
}
