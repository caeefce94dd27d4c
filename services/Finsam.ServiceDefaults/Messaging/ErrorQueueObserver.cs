using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Finsam.ServiceDefaults.Messaging;

/// <summary>
/// Says out loud when a message gives up: its consumer still failed after the retries (MassTransit holds back
/// the faults of attempts that are retried), or it could not even be read. Either way the transport moves it to
/// the queue's <c>_error</c> queue, where an operator must look; this logs that and counts it in
/// <c>finsam.messages.moved_to_error_queue</c>, tagged with queue and message type, for an alert.
/// </summary>
public sealed partial class ErrorQueueObserver(ILogger<ErrorQueueObserver> logger, IMeterFactory meters) : IReceiveObserver
{
    public const string CounterName = "finsam.messages.moved_to_error_queue";

    private readonly Counter<long> _moved = meters.Create("Finsam").CreateCounter<long>(CounterName, description: "Messages that failed after their retries and wait in an error queue");

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class
    {
        Moved(context.ReceiveContext.InputAddress, context.MessageId, typeof(T).Name, exception);
        return Task.CompletedTask;
    }

    public Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        Moved(context.InputAddress, context.GetMessageId(), "unreadable", exception);
        return Task.CompletedTask;
    }

    private void Moved(Uri queue, Guid? messageId, string messageType, Exception exception)
    {
        var name = queue.AbsolutePath.TrimEnd('/').Split('/')[^1];
        _moved.Add(1, new KeyValuePair<string, object?>("queue", name), new KeyValuePair<string, object?>("message_type", messageType));
        LogMoved(logger, messageType, messageId, name, exception);
    }

    // The exception, not the message: a message's body may carry personal data and never goes to a log.
    [LoggerMessage(Level = LogLevel.Error, Message = "A {MessageType} ({MessageId}) failed after its retries and was moved to the {Queue}_error queue")]
    private static partial void LogMoved(ILogger logger, string messageType, Guid? messageId, string queue, Exception exception);
}
