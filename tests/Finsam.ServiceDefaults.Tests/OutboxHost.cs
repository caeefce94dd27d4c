using Finsam.Contracts.Consents;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Messaging;
using Finsam.Testing;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Finsam.ServiceDefaults.Tests;

public sealed class OutboxTestService : IFinsamService
{
    public static string Name => "outbox-test";
}

/// <summary>Applies a revocation by writing one row; the inbox makes sure that happens once per message.</summary>
public sealed class EffectConsumer(ServiceDatabase<OutboxTestService> database) : InboxConsumer<OutboxTestService, ConsentRevoked>(database)
{
    protected override Task HandleAsync(ConsentRevoked message, DbSession session, ConsumeContext<ConsentRevoked> context) =>
        session.ExecuteAsync("INSERT INTO effects (consent_id, reason) VALUES (@ConsentId, @Reason)", new { ConsentId = message.ConsentId.ToString(), message.Reason });
}

/// <summary>A transport that fails on purpose: before the broker has the message, or after (as when a process dies before marking it sent).</summary>
public sealed class FlakyTransport(MassTransitOutboxTransport inner) : IOutboxTransport
{
    // The relay publishes several at once: the counters are taken and counted down atomically.
    private int _failuresBeforePublish;
    private int _failuresAfterPublish;
    private int _hangsBeforePublish;
    private int _attempts;
    private int _inFlight;
    private int _mostInFlight;

    public int FailuresBeforePublish { get => _failuresBeforePublish; set => _failuresBeforePublish = value; }

    public int FailuresAfterPublish { get => _failuresAfterPublish; set => _failuresAfterPublish = value; }

    /// <summary>Publishes that never finish and ignore their token, as a publish whose confirm a restarting broker never sends.</summary>
    public int HangsBeforePublish { get => _hangsBeforePublish; set => _hangsBeforePublish = value; }

    public int Attempts => _attempts;

    /// <summary>The most publishes that were waiting for their confirms at once.</summary>
    public int MostInFlight => _mostInFlight;

    /// <summary>While set and not completed, every publish waits for it, as for a slow broker's confirm.</summary>
    public TaskCompletionSource? Confirms { get; set; }

    private readonly System.Collections.Concurrent.ConcurrentQueue<object> _handedOver = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<object> _published = new();

    /// <summary>The messages in the order the relay handed them over, failed attempts included.</summary>
    public IReadOnlyList<object> HandedOver => [.. _handedOver];

    /// <summary>The messages that reached the broker.</summary>
    public IReadOnlyList<object> Published => [.. _published];

    public async Task PublishAsync(object message, Type messageType, Guid messageId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        _handedOver.Enqueue(message);
        var inFlight = Interlocked.Increment(ref _inFlight);
        try
        {
            InterlockedMax(ref _mostInFlight, inFlight);
            if (TakeOne(ref _failuresBeforePublish))
            {
                throw new InvalidOperationException("The broker is unavailable.");
            }

            if (TakeOne(ref _hangsBeforePublish))
            {
                await new TaskCompletionSource().Task;
            }

            await inner.PublishAsync(message, messageType, messageId, cancellationToken);
            if (Confirms is { } confirms)
            {
                await confirms.Task;
            }

            _published.Enqueue(message);
            if (TakeOne(ref _failuresAfterPublish))
            {
                throw new IOException("The connection dropped before the publish was confirmed.");
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static bool TakeOne(ref int count)
    {
        var seen = Volatile.Read(ref count);
        while (seen > 0)
        {
            var before = Interlocked.CompareExchange(ref count, seen - 1, seen);
            if (before == seen)
            {
                return true;
            }

            seen = before;
        }

        return false;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var before && before != seen)
        {
            seen = before;
        }
    }
}

/// <summary>A host with one service database, its outbox relay, the flaky transport and MassTransit's test harness.</summary>
public sealed class OutboxHost : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "finsam-outbox-" + Guid.NewGuid().ToString("N"));
    private readonly IHost _host;

    /// <param name="publishTimeout">
    /// How long the relay waits for one publish. Short only for the test of a publish that never returns: elsewhere an
    /// ordinary publish on a loaded machine would outlast it and count as one more attempt.
    /// </param>
    public OutboxHost(TimeSpan? publishTimeout = null, int maxInFlight = 32)
    {
        TSqlCheck.Enable(); // the relay's and the inbox's statements, failure paths included
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Finsam:DataDirectory"] = _directory,
            ["Finsam:Outbox:PollInterval"] = "00:00:00.050",
            ["Finsam:Outbox:RetryDelay"] = "00:00:00.050",
            ["Finsam:Outbox:MaxInFlight"] = maxInFlight.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Finsam:Outbox:PublishTimeout"] = (publishTimeout ?? TimeSpan.FromSeconds(15)).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddServiceDatabase<OutboxTestService>();
        builder.Services.AddSingleton<MassTransitOutboxTransport>();
        builder.Services.AddSingleton<FlakyTransport>();
        builder.Services.AddSingleton<IOutboxTransport>(sp => sp.GetRequiredService<FlakyTransport>());
        builder.Services.AddMassTransitTestHarness(bus => bus.AddConsumer<EffectConsumer>());
        builder.Services.StartBusAfterServer();
        _host = builder.Build();
    }

    public FlakyTransport Transport => _host.Services.GetRequiredService<FlakyTransport>();

    public ITestHarness Harness => _host.Services.GetTestHarness();

    public ServiceDatabase<OutboxTestService> Database => _host.Services.GetRequiredService<ServiceDatabase<OutboxTestService>>();

    public ConsumeCounter Consumes { get; } = new();

    public async Task StartAsync()
    {
        await _host.StartAsync();
        Harness.Bus.ConnectConsumeObserver(Consumes);
    }

    public Task<long> CountAsync(string sql) => ScalarAsync<long>(sql);

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var session = await Database.ConnectAsync(CancellationToken.None);
        return await session.ExecuteScalarAsync<T>(sql);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the folder is in the temp directory.
        }

        TSqlCheck.ThrowIfAnyFailed();
    }
}
