using System.Globalization;
using System.Text.Json.Nodes;
using Finsam.Agencies;

namespace Finsam.Forsakringskassan.FkSystem;

/// <summary>FK's record as the line a coach reads: benefit, extent and period.</summary>
public sealed class FkWording : IAgencyWording<FkBenefit>
{
    public string Describe(FkBenefit? benefit) =>
        benefit is { } b
            ? string.Create(CultureInfo.InvariantCulture,
                $"{char.ToUpperInvariant(b.Benefit[0])}{b.Benefit[1..]} {b.ExtentPercent} % från {b.From:yyyy-MM-dd} {(b.To is { } to ? $"till {to:yyyy-MM-dd}" : "tills vidare")}.")
            : "Ingen ersättning från Försäkringskassan.";

    public JsonObject NoRecord() => new() { ["benefit"] = null };

    /// <summary>A benefit record is a case at FK; the simulator and the API give none for a person without one.</summary>
    public bool Knows(FkBenefit record) => true;
}
