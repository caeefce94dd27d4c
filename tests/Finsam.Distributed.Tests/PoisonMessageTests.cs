using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Finsam.Contracts.Referrals;
using Finsam.Contracts.Sharing;
using Finsam.Distributed.Tests.Cluster;
using Finsam.Municipality;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Finsam.Distributed.Tests;

/// <summary>
/// A referral that can never be processed (a broken producer left out the contact details) on the municipality's
/// real RabbitMQ queue, among good ones. The service runs in the test's own process here, so that its logs and
/// metrics can be read as an operator's tools would read them.
/// </summary>
public sealed class PoisonMessageTests : IAsyncLifetime
{
    private readonly RabbitMqBroker _broker = RabbitMqBroker.FromEnvironment();
    private readonly ConcurrentQueue<string> _log = new();
    private readonly MeterListener _meters = new();
    private long _movedToErrorQueue;
    private string _virtualHost = "";
    private ServiceTestFactory<MunicipalityService> _municipality = null!;

    public async ValueTask InitializeAsync()
    {
        _virtualHost = await _broker.CreateVirtualHostAsync();
        _municipality = new ServiceTestFactory<MunicipalityService>
        {
            UseTestHarness = false,
            TestServices = services => services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(_log)),
        };
        _municipality.Settings["Finsam:Messaging:Transport"] = "rabbitmq";
        _municipality.Settings["Finsam:Messaging:RabbitMq"] = _broker.AmqpUriOf(_virtualHost).ToString();
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == ErrorQueueFilter.CounterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _movedToErrorQueue, value));
        _meters.Start();
        _municipality.StartServer();
    }

    public async ValueTask DisposeAsync()
    {
        _meters.Dispose();
        await _municipality.DisposeAsync();
        await _broker.DeleteVirtualHostAsync(_virtualHost);
    }

    [Fact]
    public async Task A_poison_message_ends_in_the_error_queue_logged_and_counted_while_the_good_ones_behind_it_are_queued()
    {
        // The host's start does not wait for the bus: until the municipality queue is declared and consumed, the
        // broker drops what is sent to it.
        await Eventually.HoldsAsync(async () => await _broker.ConsumerCountAsync(_virtualHost, "municipality") > 0);
        var poisonId = Guid.NewGuid();
        await _broker.SendRawAsync(_virtualHost, "municipality", "application/vnd.masstransit+json", Envelope(poisonId, DemoMessages.Referral() with { Contact = null! }));
        var bus = _municipality.Services.GetRequiredService<IBus>();
        var good = Enumerable.Range(0, 20).Select(_ => DemoMessages.Referral()).ToList();
        foreach (var referral in good)
        {
            await bus.Publish(referral, TestContext.Current.CancellationToken);
        }

        // The poison waits out its retries while the good ones pass it; on a busy machine either may finish first.
        var seen = "";
        await Eventually.HoldsAsync(
            async () =>
            {
                var (failed, cases, counted) = (await _broker.MessageCountAsync(_virtualHost, "municipality_error"), await CasesAsync(), Interlocked.Read(ref _movedToErrorQueue));
                seen = $"{failed} in municipality_error, {cases} of {good.Count} good referrals queued, {counted} counted as moved";
                return failed == 1 && cases == good.Count && counted > 0;
            },
            seconds: 120,
            describe: () => seen);
        var errors = _log.Where(line => line.StartsWith("Error:", StringComparison.Ordinal)).ToList();
        Assert.Contains(errors, line => line.StartsWith("Error: A ReferralSubmitted (" + poisonId, StringComparison.Ordinal) && line.Contains("municipality_error", StringComparison.Ordinal));
        Assert.Equal(1, Interlocked.Read(ref _movedToErrorQueue));
        Assert.Equal(0u, await _broker.MessageCountAsync(_virtualHost, "municipality"));
    }

    private async Task<long> CasesAsync()
    {
        await using var session = await _municipality.Services.GetRequiredService<ServiceDatabase<MunicipalityService>>().ConnectAsync(TestContext.Current.CancellationToken);
        return await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ips_cases");
    }

    /// <summary>MassTransit's JSON envelope around a message, as another producer on the broker would write it.</summary>
    private static string Envelope(Guid messageId, ReferralSubmitted message) => new JsonObject
    {
        ["messageId"] = messageId.ToString(),
        ["messageType"] = new JsonArray("urn:message:Finsam.Contracts.Referrals:ReferralSubmitted", "urn:message:Finsam.Contracts.Sharing:IDataShare"),
        ["message"] = JsonSerializer.SerializeToNode(message, JsonSerializerOptions.Web),
        ["sentTime"] = DateTimeOffset.UtcNow.ToString("O"),
    }.ToJsonString();

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
    }
}
