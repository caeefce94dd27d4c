using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Consent;
using Finsam.ServiceDefaults.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Finsam.Agencies.FollowUp;

public sealed class AgencyWatchOptions
{
    /// <summary>How often the adapter asks its agency about the people it follows (<c>{section}:Watch:Interval</c>).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Asks the agency's system about every followed person and, when the answer changed, shares the change with the
/// IPS unit if the consent lets the unit have the agency's category for coordination; otherwise records the
/// denial. Either way the new answer is remembered, so a change is told once. Polling, because neither agency
/// pushes events to municipalities (docs/adr/0008).
/// </summary>
public sealed partial class AgencyWatcher<TService>(
    ServiceDatabase<TService> database, IServiceScopeFactory scopes,
    IOptionsMonitor<AgencyWatchOptions> options, TimeProvider clock, ILogger<AgencyWatcher<TService>> logger) : BackgroundService
    where TService : IAgencyService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Get(TService.Name).Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await WatchOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogWatchFailed(logger, TService.Name, exception);
            }
        }
    }

    public async Task WatchOnceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<FollowedPerson> followed;
        await using (var read = await database.ConnectAsync(cancellationToken))
        {
            followed = await FollowedPersons.AllAsync(read);
        }

        // A typed HttpClient is resolved per cycle, never held by this singleton: it would keep the address
        // (and connections) of the moment it was made.
        using var scope = scopes.CreateScope();
        var sharing = scope.ServiceProvider.GetRequiredService<ConsentedSharing<TService>>();
        var status = scope.ServiceProvider.GetRequiredService<IAgencyStatus<TService>>();
        foreach (var person in followed)
        {
            try
            {
                await WatchAsync(person, status, sharing, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPersonFailed(logger, TService.Name, exception); // the others are still checked
            }
        }
    }

    /// <summary>Asks the agency and the consent service first: no network call happens inside the write session.</summary>
    private async Task WatchAsync(FollowedPerson person, IAgencyStatus<TService> status, ConsentedSharing<TService> sharing, CancellationToken cancellationToken)
    {
        var description = await status.DescribeAsync(person.PersonRef, cancellationToken);
        if (description == person.LastDescription)
        {
            return;
        }

        var agency = Actor.System(TService.Party);
        var decided = await sharing.DecideAsync(
            new ProposedShare(person.PersonRef, TService.Party, Parties.Municipality, person.UnitId, [TService.Category], Purposes.Coordination), agency, cancellationToken);
        if (decided.Decision.Reason == ConsentDecision.Unavailable)
        {
            return; // no decision is not a "no": the change is still new at the next look
        }

        var now = clock.GetUtcNow();
        await using var session = await database.BeginAsync(cancellationToken);
        if (!await FollowedPersons.ClaimChangeAsync(session, person, description))
        {
            return;
        }

        if (decided.Permitted)
        {
            await session.EnqueueAsync(new AgencyStatusChanged
            {
                Description = description, SharingParty = TService.Party, SharingUnitId = null, ReceivingParty = Parties.Municipality,
                ReceivingUnitId = person.UnitId, PersonRef = person.PersonRef, Categories = [TService.Category], Purpose = Purposes.Coordination,
                ConsentId = decided.ConsentId, ActingUser = agency, OccurredAt = now,
            });
        }
        else
        {
            await session.EnqueueAsync(decided.Denial(now));
        }

        await session.CommitAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking one followed person at the {Service} agency failed; the others go on")]
    private static partial void LogPersonFailed(ILogger logger, string service, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching the {Service} agency's system failed; trying again at the next interval")]
    private static partial void LogWatchFailed(ILogger logger, string service, Exception exception);
}
