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

    /// <summary>
    /// The canonical form is what outside checkers hash (ADR 0036), so it is pinned byte for byte: properties in this order,
    /// times in UTC with seven digits, categories joined by a space, absent values as null, and non-ASCII and quotes escaped
    /// as the default JSON encoder does.
    /// </summary>
    [Fact]
    public void The_canonical_bytes_are_json_in_a_fixed_order_with_utc_times_and_escaped_text()
    {
        var record = new AuditRecord
        {
            Sequence = 7,
            RecordedAt = new DateTimeOffset(2026, 11, 24, 10, 30, 0, TimeSpan.FromHours(1)).AddTicks(1_234_567),
            OccurredAt = new DateTimeOffset(2026, 11, 24, 9, 29, 59, TimeSpan.Zero),
            Action = "share",
            Outcome = AuditOutcomes.Permitted,
            Actor = new Actor("erik.holm", "coach", "municipality", null),
            PersonRef = "p-1",
            SourceParty = "health-care",
            RecipientParty = "municipality",
            RecipientUnitId = "ovanaker-ips",
            Categories = ["referral", "contact"],
            Purpose = "ips-support",
            ConsentId = Guid.Parse("0199a1f0-0000-7000-8000-000000000001"),
            Reason = "Personen sa \"nej\" – för nu",
            PreviousHash = new string('a', 64),
        };

        Assert.Equal(
            "{\"previousHash\":\"" + new string('a', 64) + "\",\"sequence\":7,\"recordedAt\":\"2026-11-24T09:30:00.1234567Z\"," +
            "\"occurredAt\":\"2026-11-24T09:29:59.0000000Z\",\"action\":\"share\",\"outcome\":\"permitted\",\"actorUserId\":\"erik.holm\"," +
            "\"actorRole\":\"coach\",\"actorParty\":\"municipality\",\"actorUnitId\":null,\"personRef\":\"p-1\",\"sourceParty\":\"health-care\"," +
            "\"sourceUnitId\":null,\"recipientParty\":\"municipality\",\"recipientUnitId\":\"ovanaker-ips\",\"categories\":\"referral contact\"," +
            "\"purpose\":\"ips-support\",\"consentId\":\"0199a1f0-0000-7000-8000-000000000001\"," +
            "\"reason\":\"Personen sa \\u0022nej\\u0022 \\u2013 f\\u00F6r nu\",\"correlationId\":null}",
            System.Text.Encoding.UTF8.GetString(record.CanonicalBytes()));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(record.CanonicalBytes())), record.ComputeHash());
    }

    [Fact]
    public void A_record_whose_content_changed_no_longer_has_a_valid_hash()
    {
        var record = Chain(1)[0];

        Assert.True(record.HasValidHash());
        Assert.False((record with { Reason = "ändrad" }).HasValidHash());
        Assert.False((record with { Hash = record.Hash.ToUpperInvariant() }).HasValidHash());
    }
}
