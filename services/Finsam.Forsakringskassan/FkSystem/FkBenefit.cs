namespace Finsam.Forsakringskassan.FkSystem;

/// <summary>A person's current benefit as FK knows it: the record behind the <c>fk.benefits</c> category.</summary>
/// <param name="Benefit">sjukpenning, aktivitetsersättning or sjukersättning.</param>
/// <param name="ExtentPercent">25, 50, 75 or 100 % of full time.</param>
public sealed record FkBenefit(
    string Benefit,
    int ExtentPercent,
    DateOnly From,
    DateOnly? To,
    DateOnly? RehabilitationPlanDate,
    string OfficerName);
