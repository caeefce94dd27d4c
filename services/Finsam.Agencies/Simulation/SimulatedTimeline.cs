using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Finsam.Agencies.Simulation;

/// <summary>
/// The calendar that a SIMULATED agency's people live on (the AF and FK simulators; docs/adr/0010). A person's
/// timeline is anchored to fixed dates derived from the personRef alone, never to today, so what a simulator
/// says on a date is a pure function of (person, date): it changes only where the timeline has a transition
/// (a period ends, a decision is taken, a new period starts), and a watcher that asks every day hears of each
/// transition once.
/// </summary>
/// <remarks>
/// A timeline is a run of episodes of one fixed length (a sick spell, a spell of job seeking, a benefit
/// period). The person's anchor, the start of one of them, lies in the first cycle after <see cref="Epoch"/>,
/// so anchors spread over realistic recent dates; the episodes before and after it start a whole number of
/// cycles away, each with its own seed, so the simulated population keeps a realistic mix of states on any
/// date rather than running out of events.
/// </remarks>
public static class SimulatedTimeline
{
    /// <summary>The earliest anchor: anchors fall in [Epoch, Epoch + cycle).</summary>
    public static readonly DateOnly Epoch = new(2024, 1, 1);

    /// <summary>The person's own seed at one agency (the agency keeps AF's and FK's simulations apart).</summary>
    public static byte[] Seed(string agency, string personRef) => SHA256.HashData(Encoding.UTF8.GetBytes($"{agency}:{personRef}"));

    /// <summary>The person's anchor date: fixed, in [<see cref="Epoch"/>, <see cref="Epoch"/> + <paramref name="cycleDays"/>).</summary>
    public static DateOnly Anchor(string agency, string personRef, int cycleDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cycleDays);
        var offset = BinaryPrimitives.ReadUInt32BigEndian(Seed(agency, personRef).AsSpan(28)) % (uint)cycleDays;
        return Epoch.AddDays((int)offset);
    }

    /// <summary>The episode of the person's timeline that <paramref name="date"/> falls in.</summary>
    public static SimulatedEpisode EpisodeOn(string agency, string personRef, DateOnly date, int cycleDays)
    {
        var anchor = Anchor(agency, personRef, cycleDays);
        var number = (int)Math.Floor((date.DayNumber - anchor.DayNumber) / (double)cycleDays);
        return new SimulatedEpisode(number, anchor.AddDays(number * cycleDays), cycleDays, Seed(agency, $"{personRef}#{number}"));
    }
}

/// <summary>One episode of a simulated timeline: where it starts, how long it is, and its own seed.</summary>
public sealed class SimulatedEpisode(int number, DateOnly start, int length, byte[] seed)
{
    /// <summary>0 for the episode that starts on the anchor; negative before it.</summary>
    public int Number { get; } = number;

    public DateOnly Start { get; } = start;

    /// <summary>The last day of the episode.</summary>
    public DateOnly End { get; } = start.AddDays(length - 1);

    /// <summary>Days since the episode started: 0 on its first day.</summary>
    public int DayOf(DateOnly date) => date.DayNumber - Start.DayNumber;

    /// <summary>One byte (0–255) of the episode's seed, for its choices.</summary>
    public int Byte(int index) => seed[index];
}
