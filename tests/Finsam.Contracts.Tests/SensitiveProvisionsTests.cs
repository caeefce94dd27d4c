using Finsam.Contracts.Consents;

namespace Finsam.Contracts.Tests;

public sealed class SensitiveProvisionsTests
{
    [Fact]
    public void A_recorder_giving_their_own_party_another_sources_sensitive_categories_is_caught()
    {
        var provisions = new[] { new ConsentProvision("arbetsformedlingen", null, ["contact", "health.diagnosis", "fk.benefits", "af.registration", "meeting"]) };

        Assert.Equal(["health.diagnosis", "fk.benefits"], SensitiveProvisions.ToRecordersParty("arbetsformedlingen", provisions));
    }

    [Fact]
    public void Giving_another_party_or_ones_own_sources_categories_is_not()
    {
        var provisions = new[]
        {
            new ConsentProvision("municipality", "ovanaker-ips", ["referral", "contact", "health.workcapacity"]),
            new ConsentProvision("health-care", null, ["ips.plan", "health.diagnosis"]),
        };

        Assert.Empty(SensitiveProvisions.ToRecordersParty("health-care", provisions));
    }
}
