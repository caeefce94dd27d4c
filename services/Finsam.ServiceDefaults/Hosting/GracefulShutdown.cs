using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Finsam.ServiceDefaults.Hosting;

/// <summary>
/// How a host stops on SIGTERM (an orchestrator stopping a container, systemd, Ctrl+C): the web server stops
/// taking requests, the bus stops taking messages and waits for the ones in hand, then the outbox relay and the
/// rest stop, all within <c>Finsam:ShutdownTimeout</c> (default <see cref="DefaultTimeout"/>). The orchestrator's
/// grace period (<c>terminationGracePeriodSeconds</c> in deploy/k8s, <c>stop_grace_period</c> in
/// docker-compose.yml) must be longer, or it kills the process before the host has given up waiting.
/// </summary>
public static partial class GracefulShutdown
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>What a consumer still running this long before the deadline is cancelled, so that the bus can
    /// hand its message back (it is redelivered; the inbox makes the retry harmless) before the deadline.</summary>
    public static readonly TimeSpan ConsumerMargin = TimeSpan.FromSeconds(5);

    public const string TimeoutSetting = "Finsam:ShutdownTimeout";

    public static TimeSpan TimeoutOf(IConfiguration configuration)
    {
        var text = configuration[TimeoutSetting];
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultTimeout;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var timeout) && timeout > TimeSpan.Zero
            ? timeout
            : throw new InvalidOperationException($"{TimeoutSetting} must be a positive time span such as 00:00:30, not '{text}'.");
    }

    /// <summary>How long the bus lets consumers finish before cancelling them: the timeout less the margin.</summary>
    public static TimeSpan ConsumerStopTimeoutOf(IConfiguration configuration)
    {
        var timeout = TimeoutOf(configuration);
        return timeout > ConsumerMargin * 2 ? timeout - ConsumerMargin : timeout / 2;
    }

    internal static IHostApplicationBuilder AddGracefulShutdown(this IHostApplicationBuilder builder)
    {
        var timeout = TimeoutOf(builder.Configuration);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = timeout);
        builder.Services.AddHostedService<ShutdownReport>();
        return builder;
    }

    /// <summary>
    /// Says in the log when a stop began and whether it ended in order or at the deadline: the host itself says
    /// nothing at the default levels once it has stopped.
    /// </summary>
    internal sealed partial class ShutdownReport(IOptions<HostOptions> options, ILogger<ShutdownReport> logger) : IHostedLifecycleService
    {
        private readonly Stopwatch _stopping = new();

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken)
        {
            _stopping.Start();
            LogStopping(logger, options.Value.ShutdownTimeout);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        // The host passes every stop step the same token, cancelled at the shutdown timeout.
        public Task StoppedAsync(CancellationToken cancellationToken)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                LogCutOff(logger, _stopping.Elapsed, options.Value.ShutdownTimeout);
            }
            else
            {
                LogStopped(logger, _stopping.Elapsed);
            }

            return Task.CompletedTask;
        }

        [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: finishing the requests and messages in hand, for up to {Timeout}")]
        private static partial void LogStopping(ILogger logger, TimeSpan timeout);

        [LoggerMessage(Level = LogLevel.Information, Message = "Stopped in order after {Elapsed}")]
        private static partial void LogStopped(ILogger logger, TimeSpan elapsed);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped after {Elapsed}, at the shutdown timeout of {Timeout}: work still in hand was cancelled and will be redone after restart")]
        private static partial void LogCutOff(ILogger logger, TimeSpan elapsed, TimeSpan timeout);
    }
}
