using System.Globalization;
using Finsam.Contracts.Codes;
using Finsam.ServiceDefaults.Agencies;

namespace Finsam.Arbetsformedlingen.AfSystem;

/// <summary>AF's answer about a person as the line a coach reads: registration, programme, lönebidrag.</summary>
public sealed class AfStatus(IArbetsformedlingenSystem af) : IAgencyStatus<ArbetsformedlingenService>
{
    public string Party => Parties.Arbetsformedlingen;

    public string Category => DataCategories.AfRegistration;

    public async Task<string> DescribeAsync(string personRef, CancellationToken cancellationToken)
    {
        var seeker = await af.FindAsync(personRef, cancellationToken);
        if (seeker is not { Registered: true })
        {
            return "Inte inskriven hos Arbetsförmedlingen.";
        }

        var lonebidrag = seeker.Lonebidrag is { } w
            ? string.Create(CultureInfo.InvariantCulture, $" Lönebidrag beslutat {w.DecidedOn:yyyy-MM-dd}, {w.PercentOfWage} %, {w.From:yyyy-MM-dd}–{w.To:yyyy-MM-dd}.")
            : "";
        return $"Inskriven, {seeker.Programme}{(seeker.Sius ? ", med SIUS" : "")}.{lonebidrag}";
    }
}
