namespace Finsam.Contracts.Api.Audit;

/// <summary>What verifying the audit log answers: whether every record and checkpoint holds, and where the first one does not.</summary>
/// <param name="RetentionCut">The latest signed retention cut, when retention removed records: the log starts right after it.</param>
public sealed record ChainVerification(
    bool Valid, long Records, string HeadHash, SignedCheckpoint? LastCheckpoint, long? FirstInvalidSequence, string? Problem, SignedCheckpoint? RetentionCut);
