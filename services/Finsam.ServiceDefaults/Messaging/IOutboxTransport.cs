using MassTransit;

namespace Finsam.ServiceDefaults.Messaging;

/// <summary>Where the relay hands outbox messages. The message id travels with the message, so consumers can deduplicate.</summary>
public interface IOutboxTransport
{
    Task PublishAsync(object message, Type messageType, Guid messageId, CancellationToken cancellationToken);
}

public sealed class MassTransitOutboxTransport(IBus bus) : IOutboxTransport
{
    public Task PublishAsync(object message, Type messageType, Guid messageId, CancellationToken cancellationToken) =>
        bus.Publish(message, messageType, Pipe.Execute<PublishContext>(context => context.MessageId = messageId), cancellationToken);
}
