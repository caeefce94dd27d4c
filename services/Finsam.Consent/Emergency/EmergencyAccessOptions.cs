namespace Finsam.Consent.Emergency;

/// <summary>
/// <c>Finsam:EmergencyAccess</c>: how long an emergency access lasts and the legal bases for disclosure without
/// consent that the county's lawyers have listed, each with its statute. Nothing opens on a basis not listed here.
/// </summary>
public sealed class EmergencyAccessOptions
{
    public const string Section = "Finsam:EmergencyAccess";

    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(60);

    public List<LegalBasisOption> LegalBases { get; set; } = [];
}

public sealed class LegalBasisOption
{
    public string Code { get; set; } = "";

    public string Label { get; set; } = "";

    public string Statute { get; set; } = "";

    /// <summary>Whether the basis allows disclosure past the person's block (spärr); most do not.</summary>
    public bool PassesBlocks { get; set; }
}
