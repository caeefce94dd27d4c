using System.Diagnostics.Metrics;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Finsam.ServiceDefaults.Messaging;

/// <summary>
/// Says out loud when a message gives up: its consumer still failed after the retries, or it could not even be
/// read. The transport then moves it to the queue's <c>_error</c> queue, where an operator must look; this logs
/// that and counts it in <c>finsam.messages.moved_to_error_queue</c>, tagged with queue and message type, for an
/// alert. It sits in the endpoint's error pipe in front of MassTransit's own fault and move filters and speaks
/// only once the move succeeded: a consumer cut off by a lost connection (a broker restart) is not moved but
/// delivered again, and raises no alarm.
/// </summary>
public sealed partial class ErrorQueueFilter(ILogger<ErrorQueueFilter> logger, ErrorQueueFilter.Metrics metrics) : IFilter<ExceptionReceiveContext>
{
    public const string CounterName = "finsam.messages.moved_to_error_queue";

    /// <summary>The error pipe of every endpoint: this filter, then MassTransit's defaults (which a configured pipe replaces).</summary>
    public static void Configure(IReceiveEndpointConfigurator endpoint, IServiceProvider services)
    {
        var filter = new ErrorQueueFilter(services.GetRequiredService<ILogger<ErrorQueueFilter>>(), services.GetRequiredService<Metrics>());
        endpoint.UseFilter(new RememberMessageType());
        endpoint.ConfigureError(error =>
        {
            error.UseFilter(filter);
            error.UseFilter(new GenerateFaultFilter());
            error.UseFilter(new ErrorTransportFilter());
        });
    }

    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        await next.Send(context); // throws if the move failed: then the message stays on its queue and comes again

        var queue = context.InputAddress.AbsolutePath.TrimEnd('/').Split('/')[^1];
        var (messageType, messageId) = context.TryGetPayload(out ConsumedAs? consumed) ? (consumed.MessageType, consumed.MessageId) : ("unreadable", context.GetMessageId());
        // Logged before counted: whoever sees the count (an alert, a test) finds the line that says which message.
        LogMoved(logger, messageType, messageId, queue, context.Exception);
        metrics.Moved.Add(1, new KeyValuePair<string, object?>("queue", queue), new KeyValuePair<string, object?>("message_type", messageType));
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("finsam-error-queue");

    // The exception, not the message: a message's body may carry personal data and never goes to a log.
    [LoggerMessage(Level = LogLevel.Error, Message = "A {MessageType} ({MessageId}) failed after its retries and was moved to the {Queue}_error queue")]
    private static partial void LogMoved(ILogger logger, string messageType, Guid? messageId, string queue, Exception exception);

    /// <summary>
    /// Notes on the receive context what a message was read as, and its id in the envelope: the error pipe sees
    /// only the receive context, and a message that could not be read never gets here.
    /// </summary>
    private sealed class RememberMessageType : IFilter<ConsumeContext>
    {
        public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
        {
            context.ReceiveContext.GetOrAddPayload(() => new ConsumedAs(
                context.SupportedMessageTypes.FirstOrDefault() is { } urn ? urn[(urn.LastIndexOf(':') + 1)..] : "unknown", context.MessageId));
            return next.Send(context);
        }

        public void Probe(ProbeContext context) => context.CreateFilterScope("finsam-message-type");
    }

    private sealed record ConsumedAs(string MessageType, Guid? MessageId);

    /// <summary>The counter, created once per process from the host's meter factory.</summary>
    public sealed class Metrics(IMeterFactory meters)
    {
        public Counter<long> Moved { get; } = meters.Create("Finsam").CreateCounter<long>(CounterName, description: "Messages that failed after their retries and wait in an error queue");
    }
}
