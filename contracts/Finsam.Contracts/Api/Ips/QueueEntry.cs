namespace Finsam.Contracts.Api.Ips;

public sealed record QueueEntry(Guid CaseId, string PersonRef, DateTimeOffset ReceivedAt, int WaitingDays, string? ReferringUnitName);
