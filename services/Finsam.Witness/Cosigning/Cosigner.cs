using Finsam.ServiceDefaults.Data;
using Finsam.Transparency;
using Microsoft.Extensions.Options;

namespace Finsam.Witness.Cosigning;

/// <summary>What the witness made of a checkpoint: a cosignature, or the refusal c2sp.org/tlog-witness prescribes.</summary>
public abstract record CosignOutcome
{
    public sealed record Cosigned(string CosignatureLine) : CosignOutcome;

    /// <summary>400: not a request, or an old size beyond the checkpoint's.</summary>
    public sealed record Malformed(string Reason) : CosignOutcome;

    /// <summary>404: a log this witness does not cosign.</summary>
    public sealed record UnknownLog : CosignOutcome;

    /// <summary>403: no signature by the log's key.</summary>
    public sealed record NotSignedByLog : CosignOutcome;

    /// <summary>409: the old size is not the last cosigned one (which is told), or the same size with another root: a fork.</summary>
    public sealed record Conflict(long CosignedSize) : CosignOutcome;

    /// <summary>422: the consistency proof does not show that the checkpoint extends the last cosigned one.</summary>
    public sealed record BadProof : CosignOutcome;
}

/// <summary>
/// The witness's one rule (c2sp.org/tlog-witness): cosign a log's checkpoint only when it is signed by the log and extends
/// the last checkpoint cosigned for it; then remember it. Checking and remembering are one step (a lock and a transaction),
/// or a slower request for an older size could roll the witness back after a newer one was cosigned.
/// </summary>
public sealed partial class Cosigner(
    ServiceDatabase<WitnessService> database, WitnessKey key, IOptions<WitnessOptions> options, TimeProvider clock, ILogger<Cosigner> logger) : IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public void Dispose() => _oneAtATime.Dispose();

    public async Task<CosignOutcome> AddCheckpointAsync(AddCheckpointRequest request, CancellationToken cancellationToken)
    {
        if (SignedNote.Split(request.Checkpoint) is not var (text, _) || TreeHead.Parse(text) is not { } head)
        {
            return new CosignOutcome.Malformed("The checkpoint is not a c2sp.org/tlog-checkpoint signed note.");
        }

        var log = options.Value.Logs.Select(l => NoteVerifierKey.Parse(l.VerifierKey)!).FirstOrDefault(k => k.Name == head.Origin);
        if (log is null)
        {
            return new CosignOutcome.UnknownLog();
        }

        if (SignedNote.Open(request.Checkpoint, log) is null)
        {
            return new CosignOutcome.NotSignedByLog();
        }

        if (request.OldSize > head.Size)
        {
            return new CosignOutcome.Malformed("The old size is larger than the checkpoint's.");
        }

        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            await using var session = await database.BeginAsync(cancellationToken);
            var last = await session.QuerySingleOrDefaultAsync<LastCosigned>(
                "SELECT tree_size AS TreeSize, root FROM witnessed_checkpoints WHERE origin = @Origin", new { head.Origin });
            var refusal = Check(request, head, last);
            if (refusal is not null)
            {
                LogRefused(logger, head.Origin, head.Size, request.OldSize, refusal.GetType().Name);
                return refusal;
            }

            var now = clock.GetUtcNow();
            await session.ExecuteAsync(
                last is null
                    ? "INSERT INTO witnessed_checkpoints (origin, tree_size, root, note, cosigned_at) VALUES (@Origin, @Size, @Root, @Note, @At)"
                    : "UPDATE witnessed_checkpoints SET tree_size = @Size, root = @Root, note = @Note, cosigned_at = @At WHERE origin = @Origin",
                new { head.Origin, head.Size, head.Root, Note = request.Checkpoint, At = now.ToUniversalTime() });
            await session.CommitAsync();
            return new CosignOutcome.Cosigned(key.Signer.CosignatureLine(text, now.ToUnixTimeSeconds()));
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private static CosignOutcome? Check(AddCheckpointRequest request, TreeHead head, LastCosigned? last)
    {
        var lastSize = last?.TreeSize ?? 0;
        if (request.OldSize != lastSize)
        {
            return new CosignOutcome.Conflict(lastSize);
        }

        if (last is null || lastSize == 0)
        {
            return request.Proof.Count == 0 ? null : new CosignOutcome.BadProof();
        }

        if (head.Size == lastSize)
        {
            return head.Root.AsSpan().SequenceEqual(last.Root) && request.Proof.Count == 0 ? null : new CosignOutcome.Conflict(lastSize);
        }

        return MerkleProofs.VerifyConsistency((ulong)lastSize, (ulong)head.Size, request.Proof, last.Root, head.Root) ? null : new CosignOutcome.BadProof();
    }

    private sealed record LastCosigned
    {
        public long TreeSize { get; init; }
        public byte[] Root { get; init; } = [];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused to cosign {Origin} at size {Size} (old size {OldSize}): {Refusal}. A fork or a bad proof is evidence against the log; keep the request")]
    private static partial void LogRefused(ILogger logger, string origin, long size, long oldSize, string refusal);
}
