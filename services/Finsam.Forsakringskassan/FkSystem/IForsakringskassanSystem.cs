namespace Finsam.Forsakringskassan.FkSystem;

/// <summary>The port to FK's own systems, asked by personRef like AF's (docs/adr/0008).</summary>
public interface IForsakringskassanSystem
{
    /// <summary>The person's current benefit as FK knows it, or null when FK pays nothing.</summary>
    Task<FkBenefit?> FindAsync(string personRef, CancellationToken cancellationToken);
}

/// <param name="Benefit">sjukpenning, aktivitetsersättning or sjukersättning.</param>
/// <param name="ExtentPercent">25, 50, 75 or 100 % of full time.</param>
public sealed record FkBenefit(
    string Benefit,
    int ExtentPercent,
    DateOnly From,
    DateOnly? To,
    DateOnly? RehabilitationPlanDate,
    string OfficerName);
