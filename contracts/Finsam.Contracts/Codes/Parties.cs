namespace Finsam.Contracts.Codes;

/// <summary>The four public bodies that own part of a person's situation (DOMAIN.md).</summary>
public static class Parties
{
    public const string Municipality = "municipality";
    public const string HealthCare = "health-care";
    public const string Arbetsformedlingen = "arbetsformedlingen";
    public const string Forsakringskassan = "forsakringskassan";

    /// <summary>
    /// The samordningsförbund its analysts work for. Not one of <see cref="All"/>: it owns no case data, nothing is shared
    /// with it, and no consent names it; its people see de-identified figures only.
    /// </summary>
    public const string Association = "samordningsforbund";

    public static IReadOnlyList<string> All { get; } = [Municipality, HealthCare, Arbetsformedlingen, Forsakringskassan];

    public static bool IsValid(string? code) => code is not null && All.Contains(code);
}
