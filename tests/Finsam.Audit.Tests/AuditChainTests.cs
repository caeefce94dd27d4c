using Finsam.Audit.Recording;
using Finsam.Audit.Verifying;
using Finsam.Contracts.Sharing;

namespace Finsam.Audit.Tests;

/// <summary>Changing, removing or reordering any record breaks the chain, and verification names where.</summary>
public sealed class AuditChainTests
{
    internal static List<AuditRecord> Chain(int length)
    {
        var records = new List<AuditRecord>();
        var previous = AuditOutcomes.GenesisHash;
        for (var sequence = 1; sequence <= length; sequence++)
        {
            var record = new AuditRecord
            {
                Sequence = sequence,
                RecordedAt = new DateTimeOffset(2026, 11, 23, 9, 0, sequence, TimeSpan.Zero),
                OccurredAt = new DateTimeOffset(2026, 11, 23, 9, 0, sequence, TimeSpan.Zero),
                Action = "share",
                Outcome = AuditOutcomes.Permitted,
                Actor = new Actor("anna.lind", "clinician", "health-care", "halsingland-psykiatri"),
                PersonRef = "pr-0123456789abcdef0123456789abcdef",
                SourceParty = "health-care",
                RecipientParty = "municipality",
                Categories = ["referral", "contact"],
                Purpose = "ips-support",
                ConsentId = Guid.Parse("01a20989-d612-7709-8fa9-2f1989232e5a"),
                PreviousHash = previous,
            };
            record = record with { Hash = record.ComputeHash() };
            records.Add(record);
            previous = record.Hash;
        }

        return records;
    }

    [Fact]
    public void An_untouched_chain_verifies()
    {
        var result = ChainVerifier.Verify(Chain(5), [], null);

        Assert.True(result.Valid);
        Assert.Equal(5, result.Records);
        Assert.Null(result.FirstInvalidSequence);
    }

    [Fact]
    public void A_changed_record_is_found()
    {
        var records = Chain(5);
        records[2] = records[2] with { Categories = ["referral", "contact", "health.diagnosis"] };

        Assert.Equal(3, ChainVerifier.Verify(records, [], null).FirstInvalidSequence);
    }

    [Fact]
    public void A_changed_record_with_a_recomputed_hash_breaks_the_next_link()
    {
        var records = Chain(5);
        records[2] = records[2] with { Actor = new Actor("mallory", "clinician", "health-care", null) };
        records[2] = records[2] with { Hash = records[2].ComputeHash() };

        Assert.Equal(4, ChainVerifier.Verify(records, [], null).FirstInvalidSequence);
    }

    [Fact]
    public void A_removed_record_is_found()
    {
        var records = Chain(5);
        records.RemoveAt(1);

        Assert.Equal(2, ChainVerifier.Verify(records, [], null).FirstInvalidSequence);
    }

    [Fact]
    public void Reordered_records_are_found()
    {
        var records = Chain(5);
        (records[1], records[2]) = (records[2], records[1]);

        Assert.Equal(2, ChainVerifier.Verify(records, [], null).FirstInvalidSequence);
    }

    [Fact]
    public void The_hash_is_the_same_whatever_offset_the_times_carry()
    {
        var record = Chain(1)[0];
        var shifted = record with { OccurredAt = record.OccurredAt.ToOffset(TimeSpan.FromHours(1)), RecordedAt = record.RecordedAt.ToOffset(TimeSpan.FromHours(2)) };

        Assert.Equal(record.ComputeHash(), shifted.ComputeHash());
    }
}
