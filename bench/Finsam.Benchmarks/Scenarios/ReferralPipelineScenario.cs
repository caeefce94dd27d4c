using System.Diagnostics;
using System.Text.Json;
using Finsam.Audit;
using Finsam.Benchmarks.Suite;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Referrals;
using Finsam.HealthCare;
using Finsam.ServiceDefaults.Referrals;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Messaging;
using Finsam.Testing;
using MassTransit;

namespace Finsam.Benchmarks.Scenarios;

/// <summary>
/// Issue 6, scenario 2. The subject is the referral pipeline after the clinician's request: the referral and
/// its message committed together in health care's outbox, relayed to the bus, taken in through the
/// municipality's inbox into an IPS case, a consent decision, "received" reported back through the outbox and
/// bus into health care's referral, and both shares recorded in the audit chain. The baseline is raw
/// MassTransit: one consumer, a message of the same serialized size, on the same transport with the same durability
/// settings (quorum queue and publisher confirms on RabbitMQ), and the same number of publishes in flight as the outbox
/// relay keeps (issue 15, item 7: a baseline that awaited one publish at a time was the slowest way to use MassTransit).
/// </summary>
public static class ReferralPipelineScenario
{
    /// <summary>Clinicians submitting at once: the subject's concurrent submitters, and the baseline's publishes in flight.</summary>
    private static readonly int InFlight = new OutboxRelayOptions().MaxInFlight;

    /// <summary>Issue 15's target on RabbitMQ, reported as skipped when no broker is given.</summary>
    public const string RabbitMqTarget = "≥ 50% of raw MassTransit, RabbitMQ";

    public static async Task<IReadOnlyList<string>> RunAsync(EmbeddedHost host, string transport, string? rabbitMq, SuiteOptions options, Report report)
    {
        var count = options.Smoke ? 20 : 1_000;
        var finsam = host.Finsam;
        var personRef = await finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        var consentId = await finsam.RecordReferralConsentAsync(personRef);
        var healthCare = host.Database<HealthCareService>();
        var audit = host.Database<AuditService>();
        var messageSize = JsonSerializer.Serialize(NewReferral(personRef, consentId), OutboxMessageTypes.JsonOptions).Length;

        await using var raw = await RawBus.StartAsync(rabbitMq, messageSize);
        var patience = TimeSpan.FromSeconds(options.Smoke ? 30 : 300);
        // Rounds of a tenth of the size until the JIT is quiet, for both, before anything is measured.
        await options.WarmUpAsync(() => raw.PublishAndConsumeAsync(Math.Max(1, count / 10), patience));
        await options.WarmUpAsync(() => PipelineAsync(healthCare, audit, personRef, consentId, Math.Max(1, count / 10), patience));
        var (baseline, subject) = await LoadDriver.AlternateAsync(
            () => raw.PublishAndConsumeAsync(count, patience),
            () => PipelineAsync(healthCare, audit, personRef, consentId, count, patience),
            options.Rounds);

        var ratio = subject.Throughput / baseline.Throughput;
        // Issue 15: the embedded default against an absolute rate (its raw in-memory bus touches no disk, so a ratio says
        // little); RabbitMQ against raw MassTransit with the same durability.
        if (rabbitMq is null)
        {
            report.Target("referral pipeline", "≥ 2,000 referrals/s, embedded (in-memory)", $"{Report.Rate(subject.Throughput)} referrals/s", subject.Throughput >= 2_000);
        }
        else
        {
            report.Target("referral pipeline", RabbitMqTarget, $"{ratio:P0} ({Report.Rate(subject.Throughput)} vs {Report.Rate(baseline.Throughput)} msgs/s)", ratio >= 0.5);
        }

        return
        [
            transport, $"{messageSize} B", Report.Rate(baseline.Throughput), Report.Rate(subject.Throughput), $"{ratio:P0}",
            Report.Duration(subject.Elapsed / Math.Max(1, options.Rounds)), $"{subject.Failures + baseline.Failures}",
        ];
    }

    public static void Describe(Report report, IReadOnlyList<IReadOnlyList<string>> rows, string? skipped)
    {
        report.Section("2. Referral pipeline vs raw MassTransit",
            "Subject: referrals committed one transaction each into health care's outbox (as `POST /api/referrals` does after its consent decision), " +
            "timed until every one is `received` at health care and both of its shares are in the audit chain. " +
            "Each referral is two messages on the bus (the referral, the status back), each also consumed by the audit service, " +
            $"plus one consent decision over loopback HTTP. {InFlight} submitters commit at once (their commits are shared, ADR 0039). " +
            $"Baseline: raw publish→consume of one message of the same size, {InFlight} publishes in flight with their confirms awaited together " +
            "(as the outbox relay publishes), same queue type and confirms. Rounds alternate; throughput is referrals (subject) and messages (baseline) per second. " +
            "Failures are referrals or messages that had not arrived when the round gave up. " +
            "Before measuring, both ran rounds of a tenth of the size until the JIT had compiled nothing for a second.");
        report.Table(["transport", "message", "raw MassTransit msgs/s", "pipeline referrals/s", "ratio", "time per round", "failures"], rows);
        if (skipped is not null)
        {
            report.Note(skipped);
        }
    }

    private static ReferralSubmitted NewReferral(string personRef, Guid consentId) => new()
    {
        ReferralId = Guid.CreateVersion7(),
        SharingParty = Parties.HealthCare,
        SharingUnitId = "halsingland-psykiatri",
        SharingUnitName = "Psykiatrin Hälsingland",
        ReceivingParty = Parties.Municipality,
        ReceivingUnitId = FinsamClient.OvanakerIps,
        PersonRef = personRef,
        Categories = [DataCategories.Referral, DataCategories.Contact],
        Purpose = Purposes.IpsSupport,
        ConsentId = consentId,
        ActingUser = DemoActors.Clinician,
        OccurredAt = DateTimeOffset.UtcNow,
        Reason = "Långvarig sjukskrivning, vill tillbaka till arbete.",
        OwnGoal = "Arbete inom handel, 50 % till att börja med.",
        Contact = new ContactDetails("Kim Andersson", "070-123 45 67", null, "sms"),
    };

    private static async Task<Latencies> PipelineAsync(
        ServiceDatabase<HealthCareService> healthCare, ServiceDatabase<AuditService> audit, string personRef, Guid consentId, int count, TimeSpan patience)
    {
        var (receivedBefore, sharesBefore) = await ProgressAsync(healthCare, audit, personRef);
        var latencies = new Latencies();
        var wall = Stopwatch.StartNew();
        var submitted = 0;
        await Task.WhenAll(Enumerable.Range(0, InFlight).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref submitted) <= count)
            {
                var referral = NewReferral(personRef, consentId);
                await using var session = await healthCare.BeginAsync(CancellationToken.None);
                await ReferralStore.InsertAsync(session, referral);
                await session.EnqueueAsync(referral);
                await session.CommitAsync();
            }
        })));

        var (received, shares) = (0L, 0L);
        while (wall.Elapsed < patience)
        {
            (received, shares) = await ProgressAsync(healthCare, audit, personRef);
            if (received - receivedBefore >= count && shares - sharesBefore >= 2L * count)
            {
                break;
            }

            await Task.Delay(20);
        }

        latencies.AddElapsed(wall.Elapsed);
        var done = (int)Math.Min(received - receivedBefore, (shares - sharesBefore) / 2);
        for (var i = 0; i < done; i++)
        {
            latencies.Add(0); // throughput only: a referral is counted once it made the whole round trip
        }

        for (var i = done; i < count; i++)
        {
            latencies.AddFailure();
        }

        return latencies;
    }

    private static async Task<(long Received, long Shares)> ProgressAsync(
        ServiceDatabase<HealthCareService> healthCare, ServiceDatabase<AuditService> audit, string personRef)
    {
        await using var care = await healthCare.ConnectAsync(CancellationToken.None);
        var received = await care.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM referrals WHERE person_ref = @PersonRef AND status = @Status", new { PersonRef = personRef, Status = ReferralStatuses.Received });
        await using var log = await audit.ConnectAsync(CancellationToken.None);
        var shares = await log.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM audit_records WHERE person_ref = @PersonRef AND action = 'share'", new { PersonRef = personRef });
        return (received, shares);
    }

    /// <summary>A message as large as a serialized referral, and nothing else.</summary>
    public sealed record RawReferralSizedMessage(Guid Id, string Payload);

    /// <summary>A MassTransit bus of its own with one consumer: what the transport does without Finsam around it.</summary>
    private sealed class RawBus : IAsyncDisposable
    {
        private readonly IBusControl _bus;
        private readonly string _payload;
        private int _consumed;
        private int _target = int.MaxValue;
        private TaskCompletionSource _allConsumed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private RawBus(string? rabbitMq, int messageSize)
        {
            _payload = new string('x', Math.Max(1, messageSize - 60)); // minus the id and the JSON around the payload
            const string queue = "finsam-bench-raw";
            _bus = rabbitMq is null
                ? Bus.Factory.CreateUsingInMemory(cfg => cfg.ReceiveEndpoint(queue, endpoint => endpoint.Handler<RawReferralSizedMessage>(_ => Consumed())))
                : Bus.Factory.CreateUsingRabbitMq(cfg =>
                {
                    cfg.Host(new Uri(rabbitMq), host => host.PublisherConfirmation = true);
                    cfg.ReceiveEndpoint(queue, endpoint =>
                    {
                        endpoint.SetQuorumQueue();
                        endpoint.PurgeOnStartup = true; // what an interrupted earlier run left behind
                        endpoint.Handler<RawReferralSizedMessage>(_ => Consumed());
                    });
                });
        }

        public static async Task<RawBus> StartAsync(string? rabbitMq, int messageSize)
        {
            var raw = new RawBus(rabbitMq, messageSize);
            await raw._bus.StartAsync();
            return raw;
        }

        public async Task<Latencies> PublishAndConsumeAsync(int count, TimeSpan patience)
        {
            Interlocked.Exchange(ref _consumed, 0);
            _allConsumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _target, count);
            var latencies = new Latencies();
            var wall = Stopwatch.StartNew();
            for (var sent = 0; sent < count; sent += InFlight)
            {
                await Task.WhenAll(Enumerable.Range(0, Math.Min(InFlight, count - sent))
                    .Select(_ => _bus.Publish(new RawReferralSizedMessage(Guid.NewGuid(), _payload))));
            }

            await Task.WhenAny(_allConsumed.Task, Task.Delay(patience));
            latencies.AddElapsed(wall.Elapsed);
            var consumed = Volatile.Read(ref _consumed);
            for (var i = 0; i < count; i++)
            {
                if (i < consumed)
                {
                    latencies.Add(0);
                }
                else
                {
                    latencies.AddFailure();
                }
            }

            return latencies;
        }

        private Task Consumed()
        {
            if (Interlocked.Increment(ref _consumed) >= Volatile.Read(ref _target))
            {
                _allConsumed.TrySetResult();
            }

            return Task.CompletedTask;
        }

        public async ValueTask DisposeAsync() => await _bus.StopAsync();
    }
}
