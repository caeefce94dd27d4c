using System.Globalization;
using Finsam.Contracts.Codes;
using Finsam.ServiceDefaults.Agencies;

namespace Finsam.Forsakringskassan.FkSystem;

/// <summary>FK's answer about a person as the line a coach reads: benefit, extent and period.</summary>
public sealed class FkStatus(IForsakringskassanSystem fk) : IAgencyStatus<ForsakringskassanService>
{
    public string Party => Parties.Forsakringskassan;

    public string Category => DataCategories.FkBenefits;

    public async Task<string> DescribeAsync(string personRef, CancellationToken cancellationToken) =>
        await fk.FindAsync(personRef, cancellationToken) is { } b
            ? string.Create(CultureInfo.InvariantCulture,
                $"{char.ToUpperInvariant(b.Benefit[0])}{b.Benefit[1..]} {b.ExtentPercent} % från {b.From:yyyy-MM-dd} {(b.To is { } to ? $"till {to:yyyy-MM-dd}" : "tills vidare")}.")
            : "Ingen ersättning från Försäkringskassan.";
}
