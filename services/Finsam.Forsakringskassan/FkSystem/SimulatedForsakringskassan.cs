using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Finsam.Forsakringskassan.FkSystem;

public sealed class FkSimulatorOptions
{
    /// <summary>Demo data by personRef that overrides what the simulator would derive.</summary>
    public Dictionary<string, FkBenefit> Persons { get; set; } = [];
}

/// <summary>
/// A SIMULATOR of FK's systems for the embedded default and tests, not FK. Deterministic per personRef:
/// about a third get nothing from FK; the rest have sjukpenning (most), aktivitetsersättning (the young)
/// or sjukersättning, at 25/50/75/100 %, with a period, often a rehabilitation plan date, and an officer.
/// </summary>
public sealed class SimulatedForsakringskassan(IOptions<FkSimulatorOptions> options, TimeProvider clock) : IForsakringskassanSystem
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, FkBenefit?> _decided = new(StringComparer.Ordinal);

    private static readonly int[] Extents = [25, 50, 75, 100];
    private static readonly string[] Officers = ["Eva Karlsson", "Jonas Berglund", "Fatima Yusuf"];

    /// <summary>FK makes a new decision for the person, as a case officer would: later answers give it.</summary>
    public void Decide(string personRef, FkBenefit? benefit) => _decided[personRef] = benefit;

    public Task<FkBenefit?> FindAsync(string personRef, CancellationToken cancellationToken)
    {
        if (_decided.TryGetValue(personRef, out var decided))
        {
            return Task.FromResult(decided);
        }

        if (options.Value.Persons.TryGetValue(personRef, out var demo))
        {
            return Task.FromResult<FkBenefit?>(demo);
        }

        var seed = SHA256.HashData(Encoding.ASCII.GetBytes("fk:" + personRef));
        if (seed[0] % 3 == 0)
        {
            return Task.FromResult<FkBenefit?>(null);
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = today.AddDays(-(14 + seed[1]));
        var benefit = (seed[2] % 10) switch
        {
            < 6 => "sjukpenning",
            < 8 => "aktivitetsersättning",
            _ => "sjukersättning",
        };
        DateOnly? to = benefit == "sjukersättning" ? null : today.AddDays(30 + (seed[3] * 2));
        DateOnly? plan = seed[4] % 2 == 0 ? from.AddDays(30) : null;
        return Task.FromResult<FkBenefit?>(new FkBenefit(benefit, Extents[seed[5] % Extents.Length], from, to, plan, Officers[seed[6] % Officers.Length]));
    }
}
