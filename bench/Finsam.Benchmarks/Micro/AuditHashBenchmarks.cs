using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Finsam.Audit.Recording;
using Finsam.Contracts.Sharing;

namespace Finsam.Benchmarks.Micro;

/// <summary>
/// What one link of the audit chain costs: the record's canonical JSON and SHA-256 (what ingest and verify
/// pay per record), against SHA-256 alone over as many bytes. The ratio is the price of the canonical form.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class AuditHashBenchmarks
{
    private readonly AuditRecord _record = new()
    {
        Sequence = 123_456,
        RecordedAt = new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.Zero),
        OccurredAt = new DateTimeOffset(2026, 11, 24, 9, 29, 59, TimeSpan.Zero),
        Action = "share",
        Outcome = AuditOutcomes.Permitted,
        Actor = new Actor("erik.holm", "coach", "municipality", "ovanaker-ips"),
        PersonRef = AuditSeed.PersonRef(42),
        SourceParty = "health-care",
        RecipientParty = "municipality",
        RecipientUnitId = "ovanaker-ips",
        Categories = ["referral", "contact"],
        Purpose = "ips-support",
        ConsentId = Guid.Parse("0199a1f0-0000-7000-8000-000000000001"),
        PreviousHash = new string('a', 64),
    };

    private byte[] _sameLength = [];

    [GlobalSetup]
    public void SetUp() => _sameLength = Encoding.UTF8.GetBytes(new string('x', 600)); // about the canonical JSON's length

    [Benchmark(Baseline = true)]
    public byte[] Sha256_of_as_many_bytes() => SHA256.HashData(_sameLength);

    [Benchmark]
    public string Record_hash_with_canonical_json() => _record.ComputeHash();
}
