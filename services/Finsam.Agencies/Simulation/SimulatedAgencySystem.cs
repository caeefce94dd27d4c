using System.Collections.Concurrent;
using Finsam.Agencies.Systems;
using Finsam.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace Finsam.Agencies.Simulation;

/// <summary>Settings of an agency's simulator (<c>{section}:Simulator</c>).</summary>
public sealed class AgencySimulatorOptions<TRecord>
    where TRecord : class
{
    /// <summary>Demo data by personRef that overrides what the simulator would derive.</summary>
    public Dictionary<string, TRecord> Persons { get; set; } = [];
}

/// <summary>
/// A SIMULATOR of an agency's systems for the embedded default and tests, never the agency. What it says about a
/// person is, in this order: a state the agency recorded at run time (<see cref="Record"/>, as a case officer
/// would), the person's demo data, or what the person's simulated timeline says on today's Swedish date. Each
/// agency supplies the timeline (<see cref="SimulatedTimeline"/>); the order is the same for all.
/// </summary>
public abstract class SimulatedAgencySystem<TRecord>(IOptions<AgencySimulatorOptions<TRecord>> options, TimeProvider clock) : IAgencySystem<TRecord>
    where TRecord : class
{
    private readonly ConcurrentDictionary<string, TRecord?> _recorded = new(StringComparer.Ordinal);

    /// <summary>
    /// The agency records a new state for the person (a decision, a programme; null for "no record any more"):
    /// later answers give it.
    /// </summary>
    public void Record(string personRef, TRecord? state) => _recorded[personRef] = state;

    public Task<TRecord?> FindAsync(string personRef, CancellationToken cancellationToken)
    {
        if (_recorded.TryGetValue(personRef, out var recorded))
        {
            return Task.FromResult(recorded);
        }

        if (options.Value.Persons.TryGetValue(personRef, out var demo))
        {
            return Task.FromResult<TRecord?>(demo);
        }

        return Task.FromResult(Simulate(personRef, SwedishTime.Today(clock)));
    }

    /// <summary>What the person's simulated timeline says on a Swedish date: a pure function of the two.</summary>
    protected abstract TRecord? Simulate(string personRef, DateOnly day);
}
