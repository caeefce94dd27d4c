using Finsam.Forsakringskassan.FkSystem;
using Finsam.Testing.Agencies;

namespace Finsam.Forsakringskassan.Tests;

/// <summary>FK's adapter on FK's real API (Contract/fk-benefits.openapi.yaml), on the common HTTP suite.</summary>
public sealed class HttpForsakringskassanTests : AgencyHttpTests<ForsakringskassanService, FkBenefit>
{
    public static TheoryData<string> MalformedAnswers => new()
    {
        "{}",
        """{"benefit":"sjukpenning","from":"2026-09-01","officerName":"Eva Karlsson"}""",
        """{"benefit":"sjukpenning","extentPercent":30,"from":"2026-09-01","officerName":"Eva Karlsson"}""",
        """{"benefit":"sjukpenning","extentPercent":50,"from":"i höstas","officerName":"Eva Karlsson"}""",
        "null",
        "<html>Underhåll pågår</html>",
    };

    protected override string ResourcePattern => "/persons/{personRef}/benefit";

    protected override object KnownAnswer => new
    {
        benefit = "aktivitetsersattning", extentPercent = 75, from = "2026-09-01", to = "2027-08-31", rehabilitationPlanDate = (string?)null, officerName = "Jonas Berglund",
    };

    protected override FkBenefit KnownRecord => new("aktivitetsersättning", 75, new DateOnly(2026, 9, 1), new DateOnly(2027, 8, 31), null, "Jonas Berglund");

    protected override string KnownLine => "Aktivitetsersättning 75 % från 2026-09-01 till 2027-08-31.";

    protected override (string Field, string Value) KnownSectionField => ("benefit", "aktivitetsersättning");

    protected override string SiblingAudience => "arbetsformedlingen";
}
