using System.Security.Cryptography;
using Finsam.Audit.Checkpoints;
using Finsam.Audit.Recording;

namespace Finsam.Audit.Verifying;

public sealed record VerificationResult(
    bool Valid, long Records, string HeadHash, Checkpoint? LastCheckpoint, long? FirstInvalidSequence, string? Problem);

/// <summary>
/// Checks an audit chain record by record, without trusting whoever stored it: every hash is recomputed,
/// every link and sequence number checked, every checkpoint's signature verified with the public key and
/// matched against the record it names. The chain starts at the first record (previous hash all zeros) or,
/// after retention, at a kept record that a signed checkpoint names. Used by the service and by the offline tool alike.
/// </summary>
public sealed class ChainVerifier
{
    private readonly Dictionary<long, Checkpoint> _checkpoints;
    private readonly Checkpoint? _lastCheckpoint;
    private long _records;
    private long _expectedSequence;
    private string _previousHash = AuditOutcomes.GenesisHash;
    private (long Sequence, string Problem)? _failure;

    /// <param name="publicKey">The audit service's published key; null skips signature checks (only for a server that holds the key itself).</param>
    public ChainVerifier(IEnumerable<Checkpoint> checkpoints, ECDsa? publicKey)
    {
        _checkpoints = checkpoints.ToDictionary(c => c.Sequence);
        _lastCheckpoint = _checkpoints.Values.MaxBy(c => c.Sequence);
        var forged = _checkpoints.Values.OrderBy(c => c.Sequence).FirstOrDefault(c => publicKey is not null && !c.IsSignedBy(publicKey));
        if (forged is not null)
        {
            _failure = (forged.Sequence, "The checkpoint's signature does not match the published key.");
        }
    }

    /// <summary>Takes the next record in stored order. Returns false once the chain is known to be broken.</summary>
    public bool Add(AuditRecord record)
    {
        if (_failure is not null)
        {
            return false;
        }

        if (_records == 0 && !StartChain(record))
        {
            return false;
        }

        if (record.Sequence != _expectedSequence)
        {
            return Fail(_expectedSequence, $"Expected record {_expectedSequence} but found {record.Sequence}: a record is missing or out of order.");
        }

        if (record.PreviousHash != _previousHash)
        {
            return Fail(record.Sequence, "The record does not link to the hash of the record before it.");
        }

        if (record.ComputeHash() != record.Hash)
        {
            return Fail(record.Sequence, "The record's content does not match its hash: it was changed.");
        }

        if (_checkpoints.TryGetValue(record.Sequence, out var checkpoint) && checkpoint.HeadHash != record.Hash)
        {
            return Fail(record.Sequence, "A signed checkpoint names another hash for this record.");
        }

        _records++;
        _expectedSequence++;
        _previousHash = record.Hash;
        return true;
    }

    public VerificationResult Result()
    {
        if (_failure is null && _lastCheckpoint is not null && (_records == 0 || _lastCheckpoint.Sequence >= _expectedSequence))
        {
            Fail(_records == 0 ? 1 : _expectedSequence, $"A signed checkpoint covers records up to {_lastCheckpoint.Sequence}, but the log ends before them.");
        }

        return _failure is { } failure
            ? new VerificationResult(false, _records, _previousHash, _lastCheckpoint, failure.Sequence, failure.Problem)
            : new VerificationResult(true, _records, _previousHash, _lastCheckpoint, null, null);
    }

    public static VerificationResult Verify(IEnumerable<AuditRecord> records, IEnumerable<Checkpoint> checkpoints, ECDsa? publicKey)
    {
        var verifier = new ChainVerifier(checkpoints, publicKey);
        foreach (var record in records)
        {
            if (!verifier.Add(record))
            {
                break;
            }
        }

        return verifier.Result();
    }

    private bool StartChain(AuditRecord first)
    {
        _expectedSequence = first.Sequence;
        if (first.Sequence == 1)
        {
            return true;
        }

        // After a retention cut the chain starts at the first kept record, which a signed checkpoint names;
        // its link to the removed record before it is taken on that signature.
        if (_checkpoints.TryGetValue(first.Sequence, out var anchor) && anchor.HeadHash == first.Hash)
        {
            _previousHash = first.PreviousHash;
            return true;
        }

        _expectedSequence = 1;
        return Fail(1, "The log neither starts at record 1 nor at a signed checkpoint: records were removed from its start.");
    }

    private bool Fail(long sequence, string problem)
    {
        _failure ??= (sequence, problem);
        return false;
    }
}
