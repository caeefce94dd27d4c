using BenchmarkDotNet.Attributes;
using Finsam.Consent.Deciding;
using Finsam.Consent.Store;
using Finsam.Contracts.Api.Consents;
using Finsam.Contracts.Consents;

namespace Finsam.Benchmarks.Micro;

/// <summary>
/// The consent rules alone, on consents already read: one consent for the person (the common case) as the
/// baseline, and a person with ten consents (a long history of renewed and revoked ones).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ConsentPolicyBenchmarks
{
    private const string Person = "pr-00000000000000000000000000000001";
    private static readonly DateOnly Today = new(2026, 11, 24);
    private readonly ConsentDecisionRequest _request = new(Person, "municipality", "ovanaker-ips", ["referral", "contact"], "ips-support");
    private IReadOnlyList<StoredConsent> _one = [];
    private IReadOnlyList<StoredConsent> _ten = [];

    [GlobalSetup]
    public void SetUp()
    {
        _one = [Consent(0, "referral", "contact")];
        // Nine older consents that do not cover the request (another unit), then the one that does.
        _ten = [.. Enumerable.Range(1, 9).Select(i => Consent(i, "referral") with { Provisions = [new ConsentProvision("municipality", "bollnas-ips", ["referral"])] }), Consent(0, "referral", "contact")];
    }

    [Benchmark(Baseline = true)]
    public bool One_consent() => ConsentPolicy.Decide(_one, _request, Today).Permitted;

    [Benchmark]
    public bool Ten_consents() => ConsentPolicy.Decide(_ten, _request, Today).Permitted;

    private static StoredConsent Consent(int age, params string[] categories) => new(
        Guid.NewGuid(), Person, "sharing", "ips-support", "written", Today.AddYears(1), null,
        [new ConsentProvision("municipality", "ovanaker-ips", categories)],
        new RecordedBy("anna.lind", "clinician", "health-care", "halsingland-psykiatri"),
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(-age), null, null);
}
