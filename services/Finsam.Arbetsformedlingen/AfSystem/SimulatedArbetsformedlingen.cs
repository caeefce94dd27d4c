using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Finsam.Arbetsformedlingen.AfSystem;

public sealed class AfSimulatorOptions
{
    /// <summary>Demo data by personRef that overrides what the simulator would derive.</summary>
    public Dictionary<string, AfJobSeeker> Persons { get; set; } = [];
}

/// <summary>
/// A SIMULATOR of AF's systems for the embedded default and tests, not AF. It answers for every valid
/// person, deterministically from the personRef, with realistic states: most are registered, many in
/// Stöd och matchning, some with SIUS, aktivitetsstöd or a lönebidrag decision, each with a named officer.
/// </summary>
public sealed class SimulatedArbetsformedlingen(IOptions<AfSimulatorOptions> options, TimeProvider clock) : IArbetsformedlingenSystem
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, AfJobSeeker> _decided = new(StringComparer.Ordinal);

    private static readonly string[] Programmes = ["Stöd och matchning", "Förberedande insatser", "Arbetsträning", "Jobb- och utvecklingsgarantin"];
    private static readonly Officer[] Officers = [new("Per Andersson", "010-486 10 00"), new("Maja Lindqvist", "010-486 12 34"), new("Ali Hassan", "010-486 15 51")];

    /// <summary>AF records a new state for the person (a programme, a lönebidrag decision): later answers give it.</summary>
    public void Record(string personRef, AfJobSeeker jobSeeker) => _decided[personRef] = jobSeeker;

    public Task<AfJobSeeker?> FindAsync(string personRef, CancellationToken cancellationToken)
    {
        if (_decided.TryGetValue(personRef, out var decided))
        {
            return Task.FromResult<AfJobSeeker?>(decided);
        }

        if (options.Value.Persons.TryGetValue(personRef, out var demo))
        {
            return Task.FromResult<AfJobSeeker?>(demo);
        }

        var seed = SHA256.HashData(Encoding.ASCII.GetBytes("af:" + personRef));
        if (seed[0] % 10 == 0)
        {
            return Task.FromResult<AfJobSeeker?>(new AfJobSeeker(false, null, null, false, false, null, null)); // not registered
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var since = today.AddDays(-(30 + (seed[1] * 3)));
        var programme = Programmes[seed[2] % Programmes.Length];
        WageSubsidy? lonebidrag = seed[3] % 4 == 0
            ? new WageSubsidy(today.AddDays(-seed[4] % 60), today.AddDays(-seed[4] % 30), today.AddMonths(6 + (seed[5] % 12)), 50 + (seed[6] % 4 * 10))
            : null;
        return Task.FromResult<AfJobSeeker?>(new AfJobSeeker(
            true, since, programme, Sius: seed[7] % 3 == 0, Aktivitetsstod: programme != "Jobb- och utvecklingsgarantin" || seed[8] % 2 == 0,
            lonebidrag, Officers[seed[9] % Officers.Length]));
    }
}
