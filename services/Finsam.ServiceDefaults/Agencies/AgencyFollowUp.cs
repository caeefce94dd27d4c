using Finsam.Contracts.Audit;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Consent;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Finsam.ServiceDefaults.Agencies;

/// <summary>
/// What an agency's system says about a person, as one line of plain Swedish. When the line changes, the
/// IPS unit that follows the person hears about it.
/// </summary>
public interface IAgencyStatus<TService>
    where TService : IFinsamService
{
    string Party { get; }

    /// <summary>The category a change is shared as (<c>af.registration</c>, <c>fk.benefits</c>).</summary>
    string Category { get; }

    Task<string> DescribeAsync(string personRef, CancellationToken cancellationToken);
}

/// <summary>
/// An adapter learns which IPS unit follows a person from <see cref="IpsFollowUpStarted"/>, and remembers
/// what its agency said about the person then, so that only later changes are reported.
/// </summary>
public sealed class FollowUpStartedConsumer<TService>(ServiceDatabase<TService> database, IAgencyStatus<TService> status)
    : InboxConsumer<TService, IpsFollowUpStarted>(database)
    where TService : IFinsamService
{
    protected override async Task HandleAsync(IpsFollowUpStarted message, DbSession session, ConsumeContext<IpsFollowUpStarted> context)
    {
        if (message.ReceivingParty != status.Party || message.SharingUnitId is null)
        {
            return;
        }

        var description = await status.DescribeAsync(message.PersonRef, context.CancellationToken);
        await session.ExecuteAsync("DELETE FROM followed_persons WHERE person_ref = @PersonRef AND unit_id = @UnitId",
            new { message.PersonRef, UnitId = message.SharingUnitId });
        await session.ExecuteAsync(
            "INSERT INTO followed_persons (person_ref, unit_id, since, last_description) VALUES (@PersonRef, @UnitId, @Since, @Description)",
            new { message.PersonRef, UnitId = message.SharingUnitId, Since = message.OccurredAt, Description = description });
    }
}

public sealed class AgencyWatchOptions
{
    /// <summary>How often the adapter asks its agency about the people it follows.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Asks the agency's system about every followed person and, when the answer changed, shares the change
/// with the IPS unit, if the consent lets the unit have that category for coordination; otherwise records
/// the denial. Either way the new answer is remembered, so a change is told once.
/// </summary>
public sealed partial class AgencyWatcher<TService>(
    ServiceDatabase<TService> database, IServiceScopeFactory scopes,
    IOptionsMonitor<AgencyWatchOptions> options, TimeProvider clock, ILogger<AgencyWatcher<TService>> logger) : BackgroundService
    where TService : IFinsamService
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
        List<Followed> followed;
        await using (var read = await database.ConnectAsync(cancellationToken))
        {
            followed = [.. await read.QueryAsync<Followed>("SELECT person_ref AS PersonRef, unit_id AS UnitId, last_description AS LastDescription FROM followed_persons")];
        }

        // A typed HttpClient is resolved per cycle, never held by this singleton: it would keep the address
        // (and connections) of the moment it was made.
        using var scope = scopes.CreateScope();
        var consent = scope.ServiceProvider.GetRequiredService<ConsentDecisionClient<TService>>();
        var status = scope.ServiceProvider.GetRequiredService<IAgencyStatus<TService>>();
        foreach (var person in followed)
        {
            try
            {
                await WatchAsync(person, status, consent, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPersonFailed(logger, TService.Name, exception); // the others are still checked
            }
        }
    }

    private async Task WatchAsync(Followed person, IAgencyStatus<TService> status, ConsentDecisionClient<TService> consent, CancellationToken cancellationToken)
    {
        var description = await status.DescribeAsync(person.PersonRef, cancellationToken);
        if (description == person.LastDescription)
        {
            return;
        }

        var agency = Actor.System(status.Party);
        var decision = await consent.DecideAsync(
            new ConsentDecisionRequest(person.PersonRef, Parties.Municipality, person.UnitId, [status.Category], Purposes.Coordination), agency, cancellationToken);
        if (decision.Reason == ConsentDecision.Unavailable)
        {
            return; // no decision is not a "no": the change is still new at the next look
        }

        var now = clock.GetUtcNow();
        await using var session = await database.BeginAsync(cancellationToken);
        // Claims the change: of two watchers that saw it, only the one that moves the row tells it.
        var claimed = await session.ExecuteAsync(
            """
            UPDATE followed_persons SET last_description = @Description
            WHERE person_ref = @PersonRef AND unit_id = @UnitId AND (last_description = @Previous OR (last_description IS NULL AND @Previous IS NULL))
            """,
            new { Description = description, person.PersonRef, person.UnitId, Previous = person.LastDescription });
        if (claimed == 0)
        {
            return;
        }

        if (decision.Permitted)
        {
            await session.EnqueueAsync(new AgencyStatusChanged
            {
                Description = description, SharingParty = status.Party, SharingUnitId = null, ReceivingParty = Parties.Municipality,
                ReceivingUnitId = person.UnitId, PersonRef = person.PersonRef, Categories = [status.Category], Purpose = Purposes.Coordination,
                ConsentId = decision.ConsentId!.Value, ActingUser = agency, OccurredAt = now,
            });
        }
        else
        {
            await session.EnqueueAsync(new AccessRecorded
            {
                Action = AuditActions.Deny, Actor = agency, PersonRef = person.PersonRef, SourceParty = status.Party, RecipientParty = Parties.Municipality,
                RecipientUnitId = person.UnitId, Categories = [status.Category], Purpose = Purposes.Coordination, Reason = decision.Reason, OccurredAt = now,
            });
        }

        await session.CommitAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking one followed person at the {Service} agency failed; the others go on")]
    private static partial void LogPersonFailed(ILogger logger, string service, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching the {Service} agency's system failed; trying again at the next interval")]
    private static partial void LogWatchFailed(ILogger logger, string service, Exception exception);

    private sealed record Followed
    {
        public string PersonRef { get; init; } = "";
        public string UnitId { get; init; } = "";
        public string? LastDescription { get; init; }
    }
}

public static class AgencyFollowUpExtensions
{
    /// <summary>The watcher and its settings (<c>Finsam:{Service}:Watch</c>); the consumer is added with the service's consumers.</summary>
    public static IHostApplicationBuilder AddAgencyFollowUp<TService, TStatus>(this IHostApplicationBuilder builder)
        where TService : IFinsamService
        where TStatus : class, IAgencyStatus<TService>
    {
        builder.Services.AddScoped<IAgencyStatus<TService>, TStatus>();
        // Named per service: AF's and FK's adapters may share a process.
        builder.Services.AddOptions<AgencyWatchOptions>(TService.Name).BindConfiguration($"Finsam:{TService.Name}:Watch");
        builder.Services.AddSingleton<AgencyWatcher<TService>>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AgencyWatcher<TService>>());
        builder.AddConsentDecisions<TService>();
        return builder;
    }
}
