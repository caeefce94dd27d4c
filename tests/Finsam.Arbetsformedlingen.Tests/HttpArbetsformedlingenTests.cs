using Finsam.Arbetsformedlingen.AfSystem;
using Finsam.Testing.Agencies;

namespace Finsam.Arbetsformedlingen.Tests;

/// <summary>AF's adapter on AF's real API (Contract/af-jobseeker.openapi.yaml), on the common HTTP suite.</summary>
public sealed class HttpArbetsformedlingenTests : AgencyHttpTests<ArbetsformedlingenService, AfJobSeeker>
{
    public static TheoryData<string> MalformedAnswers => new()
    {
        "{}",
        """{"registered":"kanske"}""",
        """{"registered":true,"registeredSince":"i våras"}""",
        "null",
        "<html>Underhåll pågår</html>",
    };

    protected override string ResourcePattern => "/jobseekers/{personRef}";

    protected override object KnownAnswer => new
    {
        registered = true, registeredSince = "2025-03-01", programme = "Stöd och matchning", sius = true, aktivitetsstod = true,
        lonebidrag = new { decidedOn = "2026-11-02", from = "2026-12-01", to = "2027-05-31", percentOfWage = 80 },
        officer = new { name = "Per Andersson", phone = "010-486 10 00" },
    };

    protected override AfJobSeeker KnownRecord => new(
        true, new DateOnly(2025, 3, 1), "Stöd och matchning", Sius: true, Aktivitetsstod: true,
        new WageSubsidy(new DateOnly(2026, 11, 2), new DateOnly(2026, 12, 1), new DateOnly(2027, 5, 31), 80), new Officer("Per Andersson", "010-486 10 00"));

    protected override string KnownLine => "Inskriven, Stöd och matchning, med SIUS. Lönebidrag beslutat 2026-11-02, 80 %, 2026-12-01–2027-05-31.";

    protected override (string Field, string Value) KnownSectionField => ("programme", "Stöd och matchning");

    protected override string SiblingAudience => "forsakringskassan";
}
