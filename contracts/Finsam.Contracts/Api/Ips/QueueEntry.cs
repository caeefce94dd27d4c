namespace Finsam.Contracts.Api.Ips;

/// <summary>
/// A referral waiting in the unit's queue: who sent it (a party's unit, or the person themself), how long the person has
/// waited, and their name when the referral's <c>contact</c> reached the unit.
/// </summary>
public sealed record QueueEntry(
    Guid CaseId, string PersonRef, DateTimeOffset ReceivedAt, int WaitingDays, string? ReferringUnitName,
    string? Name, string ReferringParty, string? ReferringUnitId, bool SelfReferral);
