using MassTransit;

namespace Finsam.ServiceDefaults.Messaging;

/// <summary>Where the relay hands outbox messages. The message id travels with the message, so consumers can deduplicate.</summary>
public interface IOutboxTransport
{
    Task PublishAsync(object message, Type messageType, Guid messageId, CancellationToken cancellationToken);
}

public sealed class MassTransitOutboxTransport(IBus bus, BusStarted started) : IOutboxTransport
{
    public async Task PublishAsync(object message, Type messageType, Guid messageId, CancellationToken cancellationToken)
    {
        // The relay runs from the host's start; the bus starts only once the server listens (BusStartsAfterServer).
        await started.WaitAsync(cancellationToken);
        await bus.Publish(message, messageType, Pipe.Execute<PublishContext>(context => context.MessageId = messageId), cancellationToken);
    }
}
