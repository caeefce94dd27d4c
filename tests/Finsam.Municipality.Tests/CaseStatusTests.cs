using Finsam.Municipality.Ips.Cases;

namespace Finsam.Municipality.Tests;

/// <summary>The life of an IPS case, and what the referrer hears of it.</summary>
public sealed class CaseStatusTests
{
    [Theory]
    [InlineData("queued", "assigned")]
    [InlineData("queued", "declined")]
    [InlineData("assigned", "assigned")]
    [InlineData("assigned", "active")]
    [InlineData("active", "dormant")]
    [InlineData("active", "inactive")]
    [InlineData("dormant", "active")]
    [InlineData("inactive", "active")]
    [InlineData("inactive", "dormant")]
    [InlineData("active", "closed")]
    [InlineData("closed", "active")]
    public void Allows_the_moves_of_a_case_life(string from, string to) => Assert.True(CaseStatus.CanMove(from, to));

    [Theory]
    [InlineData("queued", "active")]
    [InlineData("queued", "closed")]
    [InlineData("assigned", "dormant")]
    [InlineData("active", "assigned")]
    [InlineData("closed", "dormant")]
    [InlineData("declined", "assigned")]
    [InlineData("declined", "active")]
    [InlineData("active", "queued")]
    public void Refuses_moves_that_skip_or_reverse_steps(string from, string to) => Assert.False(CaseStatus.CanMove(from, to));

    [Theory]
    [InlineData("queued", "received")]
    [InlineData("assigned", "assigned")]
    [InlineData("active", "started")]
    [InlineData("declined", "declined")]
    [InlineData("closed", "closed")]
    [InlineData("dormant", null)]
    [InlineData("inactive", null)]
    public void Tells_the_referrer_only_the_steps_that_concern_a_referral(string caseStatus, string? referralStatus) =>
        Assert.Equal(referralStatus, CaseStatus.ReferralStatusFor(caseStatus));
}
