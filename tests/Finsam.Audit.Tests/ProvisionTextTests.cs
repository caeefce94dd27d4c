using Finsam.Audit.Recording;
using Finsam.Contracts.Consents;

namespace Finsam.Audit.Tests;

public sealed class ProvisionTextTests
{
    [Fact]
    public void Provisions_written_into_a_consent_record_read_back_the_same()
    {
        ConsentProvision[] provisions =
        [
            new("municipality", "ovanaker-ips", ["referral", "contact"]),
            new("health-care", null, ["ips.plan"]),
        ];

        var read = ProvisionText.Parse(ProvisionText.Format(provisions));

        Assert.Equal(provisions.Select(p => (p.ToParty, p.ToUnitId, string.Join(' ', p.Categories))), read.Select(p => (p.ToParty, p.ToUnitId, string.Join(' ', p.Categories))));
    }
}
