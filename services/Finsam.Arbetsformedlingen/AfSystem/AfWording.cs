using System.Globalization;
using System.Text.Json.Nodes;
using Finsam.Agencies;

namespace Finsam.Arbetsformedlingen.AfSystem;

/// <summary>AF's record as the line a coach reads: registration, programme, lönebidrag.</summary>
public sealed class AfWording : IAgencyWording<AfJobSeeker>
{
    public string Describe(AfJobSeeker? seeker)
    {
        if (seeker is not { Registered: true })
        {
            return "Inte inskriven hos Arbetsförmedlingen.";
        }

        var lonebidrag = seeker.Lonebidrag is { } w
            ? string.Create(CultureInfo.InvariantCulture, $" Lönebidrag beslutat {w.DecidedOn:yyyy-MM-dd}, {w.PercentOfWage} %, {w.From:yyyy-MM-dd}–{w.To:yyyy-MM-dd}.")
            : "";
        return $"Inskriven, {seeker.Programme}{(seeker.Sius ? ", med SIUS" : "")}.{lonebidrag}";
    }

    public JsonObject NoRecord() => new() { ["registered"] = false };

    public bool Knows(AfJobSeeker record) => record.Registered;
}
