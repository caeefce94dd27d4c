using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Finsam.Audit.Checkpoints;
using Finsam.Audit.Recording;

namespace Finsam.Audit.Verifying;

/// <summary>
/// What the chain needs of one record: its sequence, the hash it links to and its own hash (both as stored: lowercase hex
/// in UTF-8), and whether its own hash is the hash of its content, which the caller computed.
/// </summary>
public readonly ref struct ChainLink(long sequence, ReadOnlySpan<byte> previousHash, ReadOnlySpan<byte> hash, bool contentMatchesHash)
{
    public long Sequence { get; } = sequence;
    public ReadOnlySpan<byte> PreviousHash { get; } = previousHash;
    public ReadOnlySpan<byte> Hash { get; } = hash;
    public bool ContentMatchesHash { get; } = contentMatchesHash;
}

/// <param name="RetentionCut">The latest signed retention cut, when records were removed by retention: the log starts right after it.</param>
public sealed record VerificationResult(
    bool Valid, long Records, string HeadHash, Checkpoint? LastCheckpoint, long? FirstInvalidSequence, string? Problem, Checkpoint? RetentionCut);

/// <summary>
/// A checkpoint the auditor already holds, from an earlier export or verification. The log must still reach
/// it, still hold it and still match it, unless a later retention cut has lawfully removed its records: a log
/// truncated below it, together with the stored checkpoints over the removed records, is found at the first
/// missing sequence. Its signature is checked by whoever read it from a file.
/// </summary>
public sealed record TrustedHead(long Sequence, string HeadHash);

/// <summary>
/// Checks an audit chain record by record, without trusting whoever stored it: every hash is recomputed,
/// every link and sequence number checked, every checkpoint's signature verified with the public key and
/// matched against the record it names. Used by the service and by the offline tool alike.
/// <para>
/// The chain starts at record 1 (previous hash all zeros) or, after retention, right after the latest signed
/// retention cut (<see cref="CheckpointKinds.Cut"/>): the first kept record must link to the hash the cut
/// signed. Anything else is records removed from the start, reported at the first missing sequence. An
/// ordinary checkpoint never anchors a start, so cutting the log at one is found; checkpoints at or before
/// the latest cut are only checked for their signatures, since the records they name were removed lawfully.
/// </para>
/// <para>
/// Each chained checkpoint names the one signed before it, so a checkpoint removed from between others is
/// found at its own sequence. What no stored checkpoint names — the newest checkpoint, with the records after
/// the one before it — only a <see cref="TrustedHead"/> held outside the store can vouch for.
/// </para>
/// </summary>
public sealed class ChainVerifier
{
    private readonly Dictionary<long, string> _signedHeads = [];
    private readonly Checkpoint? _lastCheckpoint;
    private readonly Checkpoint? _cut;
    private readonly TrustedHead? _trusted;
    private long _records;
    private long _expectedSequence = 1;
    /// <summary>The hash the next record must link to, as UTF-8 hex (as stored), reused from record to record.</summary>
    private readonly ArrayBufferWriter<byte> _previousHash = new(64);
    private (long Sequence, string Problem)? _failure;
    private bool _stopped;

    /// <summary>For a verifier of the log's second part (<see cref="Continuation"/>): where its records began, and what they linked to.</summary>
    private readonly bool _continues;
    private long? _firstSequence;
    private byte[] _seam = [];

    /// <param name="publicKey">The audit service's published key; null skips signature checks (only for a server that holds the key itself).</param>
    /// <param name="trusted">A checkpoint the auditor holds from before, if any.</param>
    public ChainVerifier(IEnumerable<Checkpoint> checkpoints, ECDsa? publicKey, TrustedHead? trusted = null)
    {
        var ordered = checkpoints.OrderBy(c => c.Sequence).ToList();
        foreach (var checkpoint in ordered)
        {
            if (!CheckpointKinds.IsKnown(checkpoint.Kind))
            {
                Fail(checkpoint.Sequence, $"The checkpoint is of an unknown kind '{checkpoint.Kind}'.");
            }
            else if (publicKey is not null && !checkpoint.IsSignedBy(publicKey))
            {
                Fail(checkpoint.Sequence, "The checkpoint's signature does not match the published key.");
            }
            else if (_signedHeads.TryGetValue(checkpoint.Sequence, out var other) && other != checkpoint.HeadHash)
            {
                Fail(checkpoint.Sequence, "Two signed checkpoints name different hashes for this record.");
            }

            _signedHeads[checkpoint.Sequence] = checkpoint.HeadHash;
        }

        _lastCheckpoint = ordered.LastOrDefault();
        _cut = ordered.LastOrDefault(c => c.Kind == CheckpointKinds.Cut);
        CheckLinks(ordered);
        _trusted = trusted;
        SetPreviousHash(Encoding.UTF8.GetBytes(AuditOutcomes.GenesisHash));
        if (trusted is not null && _signedHeads.TryGetValue(trusted.Sequence, out var stored) && stored != trusted.HeadHash)
        {
            Fail(trusted.Sequence, "The stored checkpoint for this record names another hash than the checkpoint you hold.");
        }
    }

    /// <summary>Every chained checkpoint's previous one must be stored, with the hash it signed, unless a retention cut removed it.</summary>
    private void CheckLinks(IEnumerable<Checkpoint> ordered)
    {
        foreach (var checkpoint in ordered)
        {
            if (checkpoint.PreviousSequence is not { } previous || previous == Checkpoint.NoPrevious || previous <= (_cut?.Sequence ?? 0))
            {
                continue;
            }

            if (!_signedHeads.TryGetValue(previous, out var hash))
            {
                Fail(previous, $"The checkpoint at record {previous} is missing: the checkpoint at record {checkpoint.Sequence} was signed after it.");
            }
            else if (hash != checkpoint.PreviousHeadHash)
            {
                Fail(previous, $"The checkpoint at record {previous} names another hash than the checkpoint at record {checkpoint.Sequence} was signed after.");
            }
        }
    }

    /// <summary>Where the log must start: record 1, or the record right after the latest retention cut.</summary>
    private long FirstSequence => _cut is null ? 1 : _cut.Sequence + 1;

    private ChainVerifier(ChainVerifier first)
    {
        _signedHeads = first._signedHeads;
        _lastCheckpoint = first._lastCheckpoint;
        _cut = first._cut;
        _trusted = first._trusted;
        _failure = first._failure;
        _continues = true;
    }

    /// <summary>
    /// A verifier for the rest of the log, fed at the same time as this one by another reader (a large log is read in two
    /// parts, one per core). Its first record's link is checked by <see cref="Join"/>, once this verifier has seen the
    /// record before it; everything else it checks as this one would.
    /// </summary>
    public ChainVerifier Continuation() => new(this);

    /// <summary>
    /// The answer for the whole log, once this verifier was fed its first part and <paramref name="rest"/> (from
    /// <see cref="Continuation"/>) the rest: the same answer as one verifier fed everything, or null when this part held
    /// no record at all (then where the log starts is the second part's to say, and the caller verifies it in one pass).
    /// </summary>
    public VerificationResult? Join(ChainVerifier rest)
    {
        if (_stopped || rest._firstSequence is not { } restStarts)
        {
            return Result();
        }

        if (_records == 0)
        {
            return null;
        }

        // What this verifier's Add would have checked next, for the rest's first record.
        if (_failure is { } known && known.Sequence <= _expectedSequence)
        {
            _stopped = true;
            return Result();
        }

        if (restStarts != _expectedSequence)
        {
            Stop(_expectedSequence, $"Expected record {_expectedSequence} but found {restStarts}: a record is missing or out of order.");
            return Result();
        }

        if (!rest._seam.AsSpan().SequenceEqual(_previousHash.WrittenSpan))
        {
            Stop(restStarts, "The record does not link to the hash of the record before it.");
            return Result();
        }

        var whole = rest.Result();
        return whole with { Records = _records + whole.Records };
    }

    /// <summary>Takes the next record in stored order. Returns false once the chain is known to be broken.</summary>
    public bool Add(AuditRecord record) =>
        Add(new ChainLink(record.Sequence, Encoding.UTF8.GetBytes(record.PreviousHash), Encoding.UTF8.GetBytes(record.Hash), record.HasValidHash()));

    /// <summary>
    /// Takes the next record in stored order as its link: what the chain needs of a record, which a reader can give
    /// without building one (<see cref="SqliteChainReader"/>). Returns false once the chain is known to be broken.
    /// </summary>
    public bool Add(in ChainLink link)
    {
        // Once a problem is known at or before this point, nothing later can name an earlier sequence.
        if (_stopped || (_records > 0 && _failure is { } known && known.Sequence <= _expectedSequence))
        {
            _stopped = true;
            return false;
        }

        if (_continues && _firstSequence is null)
        {
            // The rest of a log: where it starts and what it links to are for Join to check against the first part.
            _firstSequence = _expectedSequence = link.Sequence;
            _seam = link.PreviousHash.ToArray();
            SetPreviousHash(_seam); // the head to report if this record fails: the first part's, once Join has matched the seam
        }
        else
        {
            if (_records == 0 && !StartChain(link.Sequence))
            {
                return false;
            }

            if (link.Sequence != _expectedSequence)
            {
                return Stop(_expectedSequence, $"Expected record {_expectedSequence} but found {link.Sequence}: a record is missing or out of order.");
            }

            if (!link.PreviousHash.SequenceEqual(_previousHash.WrittenSpan))
            {
                return Stop(link.Sequence, _records == 0 && _cut is not null
                    ? $"The first kept record does not link to the hash that the retention cut at record {_cut.Sequence} signed."
                    : "The record does not link to the hash of the record before it.");
            }
        }

        if (!link.ContentMatchesHash)
        {
            return Stop(link.Sequence, "The record's content does not match its hash: it was changed.");
        }

        if (_signedHeads.TryGetValue(link.Sequence, out var signedHead) && !Same(signedHead, link.Hash))
        {
            return Stop(link.Sequence, "A signed checkpoint names another hash for this record.");
        }

        if (_trusted is { } trusted && trusted.Sequence == link.Sequence && !Same(trusted.HeadHash, link.Hash))
        {
            return Stop(link.Sequence, "The checkpoint you hold names another hash for this record: the log was rewritten.");
        }

        _records++;
        _expectedSequence++;
        SetPreviousHash(link.Hash);
        return true;
    }

    private static bool Same(string hash, ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetBytes(hash).AsSpan().SequenceEqual(utf8);

    private void SetPreviousHash(ReadOnlySpan<byte> hash)
    {
        _previousHash.ResetWrittenCount();
        _previousHash.Write(hash);
    }

    public VerificationResult Result()
    {
        if (!_stopped && _lastCheckpoint is not null)
        {
            if (_records == 0)
            {
                // Retention always keeps the newest record, so even a fully expired log is never empty.
                Fail(FirstSequence, _cut is null
                    ? $"A signed checkpoint covers records up to {_lastCheckpoint.Sequence}, but the log is empty."
                    : $"The retention cut at record {_cut.Sequence} keeps the records after it, but the log is empty.");
            }
            else if (_lastCheckpoint.Sequence >= _expectedSequence)
            {
                Fail(_expectedSequence, $"A signed checkpoint covers records up to {_lastCheckpoint.Sequence}, but the log ends before them.");
            }
        }

        if (!_stopped && _trusted is { } trusted && trusted.Sequence > (_cut?.Sequence ?? 0))
        {
            var next = _records == 0 ? FirstSequence : _expectedSequence;
            if (trusted.Sequence >= next)
            {
                Fail(next, $"The checkpoint you hold covers records up to {trusted.Sequence}, but the log ends before them.");
            }
            else if (!_signedHeads.ContainsKey(trusted.Sequence))
            {
                Fail(trusted.Sequence, "The checkpoint you hold for this record is no longer among the stored checkpoints: it was removed.");
            }
        }

        var head = Encoding.UTF8.GetString(_previousHash.WrittenSpan);
        return _failure is { } failure
            ? new VerificationResult(false, _records, head, _lastCheckpoint, failure.Sequence, failure.Problem, _cut)
            : new VerificationResult(true, _records, head, _lastCheckpoint, null, null, _cut);
    }

    public static VerificationResult Verify(IEnumerable<AuditRecord> records, IEnumerable<Checkpoint> checkpoints, ECDsa? publicKey, TrustedHead? trusted = null)
    {
        var verifier = new ChainVerifier(checkpoints, publicKey, trusted);
        foreach (var record in records)
        {
            if (!verifier.Add(record))
            {
                break;
            }
        }

        return verifier.Result();
    }

    private bool StartChain(long first)
    {
        if (first == 1)
        {
            // A complete log. A cut, if any, is then checked like any checkpoint against the record it names.
            return true;
        }

        if (_cut is null)
        {
            return Stop(1, $"The log starts at record {first}, and no signed retention cut says why: records were removed from its start.");
        }

        if (first == FirstSequence)
        {
            // The removed records are vouched for by the cut's signature; the first kept record must link to it.
            _expectedSequence = FirstSequence;
            SetPreviousHash(Encoding.UTF8.GetBytes(_cut.HeadHash));
            return true;
        }

        if (first > FirstSequence)
        {
            return Stop(FirstSequence, $"The retention cut at record {_cut.Sequence} says the log starts at record {FirstSequence}, but it starts at record {first}: records after the cut were removed.");
        }

        if (first > 1)
        {
            return Stop(first, $"The log starts at record {first}, among the records that the retention cut at record {_cut.Sequence} removed; after a cut it starts at record {FirstSequence}.");
        }

        // A sequence number below 1: the ordinary sequence check names the record that should be here.
        _expectedSequence = FirstSequence;
        SetPreviousHash(Encoding.UTF8.GetBytes(_cut.HeadHash));
        return true;
    }

    /// <summary>Notes a problem; of several, the one at the lowest sequence is reported, so that the answer is "the first bad sequence".</summary>
    private bool Fail(long sequence, string problem)
    {
        if (_failure is null || sequence < _failure.Value.Sequence)
        {
            _failure = (sequence, problem);
        }

        return false;
    }

    /// <summary>A problem in the records themselves: the chain cannot be followed past it.</summary>
    private bool Stop(long sequence, string problem)
    {
        _stopped = true;
        return Fail(sequence, problem);
    }
}
