using System.Globalization;
using Finsam.Arbetsformedlingen.AfSystem;
using Finsam.Testing.Agencies;

namespace Finsam.Arbetsformedlingen.Tests;

/// <summary>AF's adapter on the common follow-up suite: a lönebidrag decision is the news, told on the day it is taken.</summary>
public sealed class AfFollowUpTests : AgencyFollowUpTests<ArbetsformedlingenService>
{
    private readonly WageSubsidy _decision;
    private readonly string _personRef;

    public AfFollowUpTests() => (_personRef, _decision) = SimulatedArbetsformedlingenTests.WithLonebidrag();

    protected override string PersonRef => _personRef;

    protected override DateOnly FirstDay => _decision.DecidedOn.AddDays(-2);

    protected override int DaysToTransition => 2;

    protected override void AssertTheNews(string description) =>
        Assert.Contains(
            string.Create(CultureInfo.InvariantCulture,
                $"Lönebidrag beslutat {_decision.DecidedOn:yyyy-MM-dd}, {_decision.PercentOfWage} %, {_decision.From:yyyy-MM-dd}–{_decision.To:yyyy-MM-dd}."),
            description, StringComparison.Ordinal);
}
