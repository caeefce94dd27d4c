using System.Threading.Channels;
using System.Security.Cryptography;
using Finsam.Audit.Checkpoints;
using Finsam.Audit.Proofs;
using Finsam.Transparency;
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
/// <para>
/// Group commit (issue 15, docs/adr/0034): appends wait in a channel in front of the writer, which takes what has
/// gathered (up to <see cref="AuditOptions.BatchSize"/>) and appends it in one transaction, so a burst costs one fsync
/// per batch instead of one per record. Each caller is told only after its batch committed, so its message is
/// acknowledged only then; a batch that fails is written again one record at a time, so only the record that cannot
/// be written fails and its neighbours are not redelivered with it.
/// </para>
/// <para>
/// The Merkle tree (issue 16, docs/adr/0036): each record is also a leaf of an RFC 6962 tree, whose complete subtrees
/// are stored in the same transaction as the records. The writer keeps only the tree's right border in memory (a
/// <see cref="CompactRange"/>) and signs the tree head as a C2SP checkpoint note together with each checkpoint.
/// </para>
/// </summary>
public sealed class AuditLog : IDisposable
{
    private readonly ServiceDatabase<AuditService> _database;
    private readonly AuditSigningKey _signingKey;
    private readonly AuditNoteKey _noteKey;
    private readonly IOptions<AuditOptions> _options;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly Channel<PendingAppend> _pending = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _writing;

    /// <summary>The committed tree's border; null until the writer first reads it. Replaced only after a commit.</summary>
    private CompactRange? _tree;

    public AuditLog(
        ServiceDatabase<AuditService> database, AuditSigningKey signingKey, AuditNoteKey noteKey, IOptions<AuditOptions> options, TimeProvider clock)
    {
        (_database, _signingKey, _noteKey, _options, _clock) = (database, signingKey, noteKey, options, clock);
        _writing = Task.Run(WriteBatchesAsync);
    }

    /// <summary>How many transactions appended records: fewer than the records when appends were grouped.</summary>
    public long BatchesCommitted => Interlocked.Read(ref _batchesCommitted);

    private long _batchesCommitted;

    /// <summary>How many appends failed (their callers' messages go back to the queue, to be redelivered).</summary>
    public long AppendsFailed => Interlocked.Read(ref _appendsFailed);

    private long _appendsFailed;

    /// <summary>
    /// Appends <paramref name="record"/> unless <paramref name="messageId"/> was recorded before, and returns once it is
    /// durably committed: whether it was appended.
    /// </summary>
    public async Task<bool> AppendAsync(AuditRecord record, Guid messageId, CancellationToken cancellationToken)
    {
        var pending = new PendingAppend(record, messageId.ToString());
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(AuditLog), "The audit writer has stopped.");
        }

        // A caller that gives up still has its record written (or not) with its batch; its message is redelivered and deduplicated.
        return await pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteBatchesAsync()
    {
        var reader = _pending.Reader;
        var batch = new List<PendingAppend>();
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token))
            {
                if (_options.Value.BatchWindow > TimeSpan.Zero)
                {
                    await Task.Delay(_options.Value.BatchWindow, _clock, _stopping.Token);
                }

                while (batch.Count < Math.Max(1, _options.Value.BatchSize) && reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                await WriteAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping: what is still waiting is not written and its callers hear so; their messages are redelivered.
            foreach (var pending in batch.Concat(Drain(reader)))
            {
                pending.Done.TrySetCanceled(_stopping.Token);
            }
        }
    }

    private static IEnumerable<PendingAppend> Drain(ChannelReader<PendingAppend> reader)
    {
        while (reader.TryRead(out var pending))
        {
            yield return pending;
        }
    }

    private async Task WriteAsync(List<PendingAppend> batch)
    {
        await _writer.WaitAsync(_stopping.Token);
        try
        {
            try
            {
                var appended = await AppendInOneTransactionAsync(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(appended[i]);
                }
            }
            catch (Exception) when (batch.Count > 1 && !_stopping.IsCancellationRequested)
            {
                // Nothing of the batch was committed. Each record alone, so that one that cannot be written fails by itself.
                foreach (var pending in batch)
                {
                    try
                    {
                        pending.Done.TrySetResult((await AppendInOneTransactionAsync([pending]))[0]);
                    }
                    catch (Exception exception)
                    {
                        Interlocked.Increment(ref _appendsFailed);
                        pending.Done.TrySetException(exception);
                    }
                }
            }
            catch (Exception exception)
            {
                Interlocked.Add(ref _appendsFailed, batch.Count);
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(exception);
                }
            }
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>
    /// Chains the batch, adds it to the tree and inserts both in one transaction, deduplicating within the batch and against the
    /// log; whether each was appended.
    /// </summary>
    private async Task<bool[]> AppendInOneTransactionAsync(IReadOnlyList<PendingAppend> batch)
    {
        var appended = new bool[batch.Count];
        await using var session = await _database.BeginAsync(_stopping.Token);
        var head = await AuditStore.HeadAsync(session);
        var last = await CheckpointStore.LastAsync(session);
        var tree = await TreeAsync(session, head);
        var recorded = await AuditStore.RecordedMessagesAsync(session, [.. batch.Select(p => p.MessageId).Distinct()]);
        var rows = new List<(AuditRecord, string)>(batch.Count);
        var nodes = new List<TreeNode>(2 * batch.Count);
        var checkpoints = new List<Checkpoint>();
        var treeHeads = new List<SignedTreeHead>();
        for (var i = 0; i < batch.Count; i++)
        {
            var (record, messageId) = (batch[i].Record, batch[i].MessageId);
            if (!recorded.Add(messageId))
            {
                continue; // recorded before, or earlier in this batch
            }

            var chained = record with
            {
                Sequence = (head?.Sequence ?? 0) + 1,
                RecordedAt = _clock.GetUtcNow(),
                PreviousHash = head?.Hash ?? AuditOutcomes.GenesisHash,
            };
            var canonical = chained.CanonicalBytes();
            chained = chained with { Hash = Convert.ToHexStringLower(SHA256.HashData(canonical)) };
            nodes.AddRange(tree.Append(MerkleProofs.LeafHash(canonical)));
            rows.Add((chained, messageId));
            head = chained;
            appended[i] = true;
            if (chained.Sequence - (last?.Sequence ?? 0) >= _options.Value.CheckpointEvery)
            {
                last = _signingKey.Sign(chained.Sequence, chained.Hash, _clock.GetUtcNow(), last);
                checkpoints.Add(last);
                treeHeads.Add(SignTreeHead(tree));
            }
        }

        await AuditStore.InsertAllAsync(session, rows);
        await TreeStore.InsertAllAsync(session, nodes);
        foreach (var checkpoint in checkpoints)
        {
            await CheckpointStore.InsertAsync(session, checkpoint);
        }

        foreach (var treeHead in treeHeads)
        {
            await TreeHeadStore.InsertAsync(session, treeHead);
        }

        await session.CommitAsync();
        _tree = tree;
        Interlocked.Increment(ref _batchesCommitted);
        return appended;
    }

    /// <summary>
    /// A copy of the tree's border to extend in this transaction. The first time, it is read from the store, and records
    /// written before the tree existed (an upgraded log) are added to it here, so the tree always covers the whole log.
    /// </summary>
    private async Task<CompactRange> TreeAsync(DbSession session, AuditRecord? head)
    {
        if (_tree is { } known)
        {
            return known.Clone();
        }

        var tree = await TreeStore.RangeAsync(session);
        const int Page = 10_000;
        while (tree.Size < (head?.Sequence ?? 0))
        {
            var nodes = new List<TreeNode>();
            foreach (var row in await session.QueryAsync<AuditStore.RecordRow>(
                $"{AuditStore.SelectRecord} WHERE sequence > @After AND sequence <= @Until ORDER BY sequence", new { After = tree.Size, Until = tree.Size + Page }))
            {
                if (row.Sequence != tree.Size + 1)
                {
                    break;
                }

                nodes.AddRange(tree.Append(MerkleProofs.LeafHash(row.ToRecord().CanonicalBytes())));
            }

            if (nodes.Count == 0)
            {
                throw new InvalidOperationException(
                    $"The audit tree cannot cover record {tree.Size + 1}: it was removed by retention before the tree existed (docs/adr/0036).");
            }

            await TreeStore.InsertAllAsync(session, nodes);
        }

        return tree;
    }

    private SignedTreeHead SignTreeHead(CompactRange tree)
    {
        var root = tree.Root();
        return new(tree.Size, root, _noteKey.Sign(new TreeHead(_options.Value.Origin, tree.Size, root)), _clock.GetUtcNow());
    }

    private sealed record PendingAppend(AuditRecord Record, string MessageId)
    {
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// Signs the current head unless it is already signed, and the tree head with it. Returns the new checkpoint, if any.
    /// </summary>
    public async Task<Checkpoint?> CheckpointAsync(CancellationToken cancellationToken) => (await SignHeadsAsync(checkpoint: true, cancellationToken)).Checkpoint;

    /// <summary>
    /// The latest signed tree head, signing one first when the tree has grown since: a checkpoint asked for covers every
    /// record committed before the question. Null while the log is empty. Anyone may ask (the checkpoint is public), so the
    /// answer comes from a read when nothing is new, and the writer is taken at most once per growth of the log.
    /// </summary>
    public async Task<SignedTreeHead?> LatestTreeHeadAsync(CancellationToken cancellationToken)
    {
        await using (var session = await _database.ConnectAsync(cancellationToken))
        {
            var signed = await TreeHeadStore.LatestAsync(session);
            var records = await session.ExecuteScalarAsync<long?>("SELECT MAX(sequence) FROM audit_records") ?? 0;
            if (signed is not null && signed.TreeSize >= records)
            {
                return signed;
            }
        }

        return (await SignHeadsAsync(checkpoint: false, cancellationToken)).TreeHead;
    }

    /// <summary>Signs the tree head when the tree has grown, and with <paramref name="checkpoint"/> the chain's head too.</summary>
    private async Task<(Checkpoint? Checkpoint, SignedTreeHead? TreeHead)> SignHeadsAsync(bool checkpoint, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            await using var session = await _database.BeginAsync(cancellationToken);
            var head = await AuditStore.HeadAsync(session);
            var last = await CheckpointStore.LastAsync(session);
            var tree = await TreeAsync(session, head);
            var treeHead = await TreeHeadStore.LatestAsync(session);
            Checkpoint? signed = null;
            if (checkpoint && head is not null && head.Sequence > (last?.Sequence ?? 0))
            {
                signed = _signingKey.Sign(head.Sequence, head.Hash, _clock.GetUtcNow(), last);
                await CheckpointStore.InsertAsync(session, signed);
            }

            if (tree.Size > (treeHead?.TreeSize ?? 0))
            {
                treeHead = SignTreeHead(tree);
                await TreeHeadStore.InsertAsync(session, treeHead);
            }

            await session.CommitAsync();
            _tree = tree;
            return (signed, treeHead);
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
            await using var session = await _database.BeginAsync(cancellationToken);
            var oldest = await session.ExecuteScalarAsync<long?>("SELECT MIN(sequence) FROM audit_records");
            var anchor = await session.QuerySingleOrDefaultAsync<string>("SELECT previous_hash FROM audit_records WHERE sequence = @Sequence", new { Sequence = firstKept });
            if (oldest is null || oldest >= firstKept || anchor is null)
            {
                return RetentionOutcome.Nothing;
            }

            using (var publicKey = _signingKey.CreatePublicKey())
            {
                var verification = await StoredChain.VerifyAsync(session, publicKey);
                if (!verification.Valid)
                {
                    return new RetentionOutcome(0, null, verification);
                }
            }

            // The cut chains to the newest checkpoint, even one it is about to remove: removing later checkpoints is found through it.
            var cut = _signingKey.Sign(firstKept - 1, anchor, _clock.GetUtcNow(), await CheckpointStore.LastAsync(session), CheckpointKinds.Cut);
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

    public void Dispose()
    {
        _pending.Writer.TryComplete();
        _stopping.Cancel();
        try
        {
            _writing.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The writer stopped on the cancellation; its waiting callers were told.
        }

        _stopping.Dispose();
        _writer.Dispose();
    }
}

/// <summary>What a retention run did: removed records under a signed cut, nothing, or refused because the chain was already broken.</summary>
public sealed record RetentionOutcome(int Removed, Checkpoint? Cut, VerificationResult? RefusedBecause)
{
    public static RetentionOutcome Nothing { get; } = new(0, null, null);
}
