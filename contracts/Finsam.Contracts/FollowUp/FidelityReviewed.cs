namespace Finsam.Contracts.FollowUp;

/// <summary>
/// A unit's IPS fidelity review as the follow-up service needs it for RE-AIM's implementation: the unit, the date and
/// the total with its band. Nothing about any person.
/// </summary>
public sealed record FidelityReviewed(Guid ReviewId, string UnitId, DateOnly Date, int Total, string Band);
