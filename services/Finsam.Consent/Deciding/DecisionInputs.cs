using Finsam.Consent.Blocking;
using Finsam.Consent.Store;
using Finsam.Contracts.Consents;
using Finsam.ServiceDefaults.Data;
using MassTransit;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Finsam.Consent.Deciding;

public sealed class DecisionInputsOptions
{
    public const string Section = "Finsam:Consent:DecisionCache";

    /// <summary>How many people's consents a replica keeps in memory.</summary>
    public int People { get; set; } = 100_000;

    /// <summary>
    /// How long a person's consents are kept without a change. Changes made here are seen at once and changes made by
    /// another replica as soon as its <see cref="ConsentsChanged"/> arrives; this bound is for a notice that never
    /// arrives (a replica's own queue is lost when the broker restarts).
    /// </summary>
    public TimeSpan KeepFor { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>What a decision about one person rests on: their consents (with confirmations) and their blocks.</summary>
public sealed record PersonConsents(IReadOnlyList<StoredConsent> Consents, IReadOnlyList<StoredBlock> Blocks);

/// <summary>
/// A person's consents and blocks, read once and kept in memory, so that a decision is the rules alone (a decision read
/// them from the database every time: 254 µs p99 against 10.7 µs for the rules). Every write to a person's consents
/// or blocks goes through <see cref="CommitChangeAsync"/>, which forgets them here after the commit and tells the other
/// replicas with <see cref="ConsentsChanged"/> in the same commit: a revocation is effective at once on this replica, and
/// on the others when the notice arrives.
/// </summary>
public sealed class DecisionInputs(ServiceDatabase<ConsentService> database, IOptions<DecisionInputsOptions> options) : IDisposable
{
    private readonly MemoryCache _people = new(new MemoryCacheOptions { SizeLimit = options.Value.People });
    private readonly Lock _changes = new();

    // Counts changes. A read that began before a change must not put what it read in memory after the change was
    // forgotten; so a read keeps what it read only if no change came in between (checked and stored under the lock).
    private long _changeCount;

    public async Task<PersonConsents> ForPersonAsync(string personRef, CancellationToken cancellationToken)
    {
        if (_people.TryGetValue(personRef, out PersonConsents? kept))
        {
            return kept!;
        }

        var changesBefore = Volatile.Read(ref _changeCount);
        PersonConsents read;
        await using (var session = await database.ConnectAsync(cancellationToken))
        {
            read = new(await ConsentQueries.ForPersonAsync(session, personRef), await BlockQueries.ForPersonAsync(session, personRef));
        }

        lock (_changes)
        {
            if (_changeCount == changesBefore)
            {
                _people.Set(personRef, read, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = options.Value.KeepFor });
            }
        }

        return read;
    }

    /// <summary>Commits a change to <paramref name="personRef"/>'s consents or blocks and makes every replica forget what it kept.</summary>
    public async Task CommitChangeAsync(DbSession session, string personRef)
    {
        await session.EnqueueAsync(new ConsentsChanged(personRef));
        await session.CommitAsync();
        Forget(personRef);
    }

    public void Forget(string personRef)
    {
        lock (_changes)
        {
            _changeCount++;
            _people.Remove(personRef);
        }
    }

    public void Dispose() => _people.Dispose();
}

/// <summary>Each replica hears of every change, its own included (forgetting twice is harmless).</summary>
public sealed class ForgetChangedConsents(DecisionInputs inputs) : IConsumer<ConsentsChanged>
{
    public Task Consume(ConsumeContext<ConsentsChanged> context)
    {
        inputs.Forget(context.Message.PersonRef);
        return Task.CompletedTask;
    }
}
