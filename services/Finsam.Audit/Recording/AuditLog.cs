using Finsam.Audit.Checkpoints;
using Finsam.Audit.Verifying;
using Finsam.ServiceDefaults.Data;
using Microsoft.Extensions.Options;

namespace Finsam.Audit.Recording;

/// <summary>
/// The single writer of the audit chain. Appends are serialised because each record's hash covers the one
/// before it; a message id already recorded is acknowledged without a second record (at-least-once delivery
/// in, exactly-once records out). Every <see cref="AuditOptions.CheckpointEvery"/> records, and when
/// <see cref="CheckpointAsync"/> is called on a timer, the head is signed. One audit writer runs per
/// deployment (docs/adr/0007-audit-chain-and-checkpoints.md).
/// </summary>
public sealed class AuditLog(ServiceDatabase<AuditService> database, AuditSigningKey signingKey, IOptions<AuditOptions> options, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>Appends <paramref name="record"/> unless <paramref name="messageId"/> was recorded before. Returns whether it was appended.</summary>
    public async Task<bool> AppendAsync(AuditRecord record, Guid messageId, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            await using var session = await database.BeginAsync(cancellationToken);
            if (await AuditStore.ContainsMessageAsync(session, messageId.ToString()))
            {
                return false;
            }

            var head = await AuditStore.HeadAsync(session);
            var chained = record with
            {
                Sequence = (head?.Sequence ?? 0) + 1,
                RecordedAt = clock.GetUtcNow(),
                PreviousHash = head?.Hash ?? AuditOutcomes.GenesisHash,
            };
            chained = chained with { Hash = chained.ComputeHash() };
            await AuditStore.InsertAsync(session, chained, messageId.ToString());
            var last = await CheckpointStore.LastAsync(session);
            if (chained.Sequence - (last?.Sequence ?? 0) >= options.Value.CheckpointEvery)
            {
                await CheckpointStore.InsertAsync(session, signingKey.Sign(chained.Sequence, chained.Hash, clock.GetUtcNow(), last));
            }

            await session.CommitAsync();
            return true;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Signs the current head unless it is already signed. Returns the new checkpoint, if any.</summary>
    public async Task<Checkpoint?> CheckpointAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            await using var session = await database.BeginAsync(cancellationToken);
            var head = await AuditStore.HeadAsync(session);
            var last = await CheckpointStore.LastAsync(session);
            if (head is null || head.Sequence <= (last?.Sequence ?? 0))
            {
                return null;
            }

            var checkpoint = signingKey.Sign(head.Sequence, head.Hash, clock.GetUtcNow(), last);
            await CheckpointStore.InsertAsync(session, checkpoint);
            await session.CommitAsync();
            return checkpoint;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>
    /// Removes the records before <paramref name="firstKept"/> and signs a retention cut on the last removed
    /// record (its hash is the previous hash of <paramref name="firstKept"/>; it chains to the newest checkpoint), in one transaction: the log is
    /// never without the signed fact that explains where it starts. The whole chain is verified first, inside
    /// that transaction; a chain that is already broken is not cut, because the cut would delete the evidence
    /// and sign over it. Checkpoints on removed records go too: the cut vouches for everything before it.
    /// </summary>
    public async Task<RetentionOutcome> RemoveBeforeAsync(long firstKept, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            await using var session = await database.BeginAsync(cancellationToken);
            var oldest = await session.ExecuteScalarAsync<long?>("SELECT MIN(sequence) FROM audit_records");
            var anchor = await session.QuerySingleOrDefaultAsync<string>("SELECT previous_hash FROM audit_records WHERE sequence = @Sequence", new { Sequence = firstKept });
            if (oldest is null || oldest >= firstKept || anchor is null)
            {
                return RetentionOutcome.Nothing;
            }

            using (var publicKey = signingKey.CreatePublicKey())
            {
                var verification = await StoredChain.VerifyAsync(session, publicKey);
                if (!verification.Valid)
                {
                    return new RetentionOutcome(0, null, verification);
                }
            }

            // The cut chains to the newest checkpoint, even one it is about to remove: removing later checkpoints is found through it.
            var cut = signingKey.Sign(firstKept - 1, anchor, clock.GetUtcNow(), await CheckpointStore.LastAsync(session), CheckpointKinds.Cut);
            await CheckpointStore.RemoveThroughAsync(session, cut.Sequence);
            await CheckpointStore.InsertAsync(session, cut);
            var removed = await session.ExecuteAsync("DELETE FROM audit_records WHERE sequence < @Sequence", new { Sequence = firstKept });
            await session.CommitAsync();
            return new RetentionOutcome(removed, cut, null);
        }
        finally
        {
            _writer.Release();
        }
    }

    public void Dispose() => _writer.Dispose();
}

/// <summary>What a retention run did: removed records under a signed cut, nothing, or refused because the chain was already broken.</summary>
public sealed record RetentionOutcome(int Removed, Checkpoint? Cut, VerificationResult? RefusedBecause)
{
    public static RetentionOutcome Nothing { get; } = new(0, null, null);
}
