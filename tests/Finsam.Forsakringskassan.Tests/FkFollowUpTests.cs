using Finsam.Forsakringskassan.FkSystem;
using Finsam.Testing.Agencies;

namespace Finsam.Forsakringskassan.Tests;

/// <summary>FK's adapter on the common follow-up suite: the end of a sjukpenning period is the news, told the day after its last day.</summary>
public sealed class FkFollowUpTests : AgencyFollowUpTests<ForsakringskassanService>
{
    private readonly FkBenefit _period;
    private readonly string _personRef;

    public FkFollowUpTests() => (_personRef, _period) = SimulatedForsakringskassanTests.OnSjukpenning();

    protected override string PersonRef => _personRef;

    // Two days before the period's last day, so the news comes on the third.
    protected override DateOnly FirstDay => _period.To!.Value.AddDays(-2);

    protected override int DaysToTransition => 3;

    protected override void AssertTheNews(string description)
    {
        var next = SimulatedForsakringskassan.TimelineOn(_personRef, _period.To!.Value.AddDays(1));
        Assert.Equal(
            next is null ? "Ingen ersättning från Försäkringskassan." : $"Sjukpenning {next.ExtentPercent} % från {next.From:yyyy-MM-dd} till {next.To:yyyy-MM-dd}.",
            description);
    }
}
