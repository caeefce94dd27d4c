namespace Finsam.Contracts.Codes;

/// <summary>The roles of the people who use Finsam (API.md), plus the role of a service acting on its own.</summary>
public static class Roles
{
    public const string Clinician = "clinician";
    public const string Coordinator = "coordinator";
    public const string Coach = "coach";
    public const string SocialWorker = "social-worker";
    public const string AfOfficer = "af-officer";
    public const string FkOfficer = "fk-officer";
    public const string Auditor = "auditor";

    /// <summary>The samordningsförbund's analyst or process leader: de-identified follow-up of its own interventions, never personal data.</summary>
    public const string Analyst = "analyst";

    /// <summary>The person themself, signed in: what they record needs nobody's confirmation.</summary>
    public const string Resident = "resident";

    /// <summary>A service acting without a person, e.g. when it consumes a message.</summary>
    public const string System = "system";
}
