namespace Finsam.Contracts.Codes;

/// <summary>Purposes of use (DOMAIN.md). <see cref="Audit"/> is a legal duty, not consent-based.</summary>
public static class Purposes
{
    public const string IpsSupport = "ips-support";
    public const string Coordination = "coordination";
    public const string Statistics = "statistics";

    /// <summary>A named study's use: its consent permits neither sharing nor statistics.</summary>
    public const string Research = "research";
    public const string Audit = "audit";

    /// <summary>Emergency access (nödöppning): disclosure without consent on a configured legal basis, never consented to.</summary>
    public const string Emergency = "emergency";

    /// <summary>The purposes a person can consent to.</summary>
    public static IReadOnlyList<string> Consentable { get; } = [IpsSupport, Coordination, Statistics, Research];

    public static bool IsValid(string? code) => code is IpsSupport or Coordination or Statistics or Research or Audit or Emergency;
}
