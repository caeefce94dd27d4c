namespace Finsam.Contracts.Api.Audit;

/// <summary>A signed checkpoint as published: the log's size and head hash at a time, signed, chained to the one before.</summary>
public sealed record SignedCheckpoint(
    long Sequence, string HeadHash, DateTimeOffset SignedAt, string KeyId, string Signature, string Kind, long? PreviousSequence, string? PreviousHeadHash);
