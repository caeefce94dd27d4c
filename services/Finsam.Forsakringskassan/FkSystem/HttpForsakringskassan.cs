using Finsam.Agencies.Systems;

namespace Finsam.Forsakringskassan.FkSystem;

/// <summary>FK's real system, over the contract in <c>Contract/fk-benefits.openapi.yaml</c>; 404 means "no benefit".</summary>
internal sealed class HttpForsakringskassan(HttpClient http, IConfiguration configuration)
    : HttpAgencySystem<ForsakringskassanService, FkBenefit, HttpForsakringskassan.BenefitContract>(http, configuration)
{
    private static readonly Dictionary<string, string> BenefitNames = new(StringComparer.Ordinal)
    {
        ["sjukpenning"] = "sjukpenning",
        ["aktivitetsersattning"] = "aktivitetsersättning",
        ["sjukersattning"] = "sjukersättning",
    };

    protected override string PathOf(string personRef) => $"persons/{personRef}/benefit";

    // A missing field would read as "0 %" or "from year 1": a wrong fact about the person, worse than no answer.
    protected override FkBenefit FromContract(BenefitContract? answer) =>
        answer is { Benefit: { } benefit, ExtentPercent: 25 or 50 or 75 or 100, From: { } from, OfficerName: { } officer }
            ? new FkBenefit(BenefitNames.GetValueOrDefault(benefit, benefit), answer.ExtentPercent.Value, from, answer.To, answer.RehabilitationPlanDate, officer)
            : throw new InvalidDataException("FK answered 200 without a benefit as the contract describes one.");

    /// <summary>A benefit as FK's API sends one.</summary>
    internal sealed record BenefitContract(string? Benefit, int? ExtentPercent, DateOnly? From, DateOnly? To, DateOnly? RehabilitationPlanDate, string? OfficerName);
}
