using Finsam.ServiceDefaults.Data;
using MassTransit;

namespace Finsam.ServiceDefaults.Messaging;

/// <summary>
/// A consumer whose effect happens at most once per message id: the id is recorded in the service's inbox
/// in the same transaction as the effect and any messages it causes. A redelivered message finds its id
/// and is acknowledged without doing anything.
/// </summary>
public abstract class InboxConsumer<TService, TMessage>(ServiceDatabase<TService> database) : IConsumer<TMessage>
    where TService : IFinsamService
    where TMessage : class
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a message id; the inbox cannot deduplicate it.");

        await PrepareAsync(context.Message, context.CancellationToken);
        await using var session = await database.BeginAsync(context.CancellationToken);
        var firstTime = await session.ExecuteAsync(
            session.Dialect.InsertInboxIfAbsent,
            new { MessageId = messageId.ToString(), Consumer = GetType().Name, ProcessedAt = DateTimeOffset.UtcNow }) == 1;
        if (!firstTime)
        {
            return;
        }

        await HandleAsync(context.Message, session, context);
        await session.CommitAsync();
    }

    /// <summary>
    /// What the effect needs from elsewhere (a consent decision), asked for before the write session opens: no
    /// network call happens inside one (<see cref="WriteSessionGuard"/>). Runs for a redelivered message too.
    /// </summary>
    protected virtual Task PrepareAsync(TMessage message, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Applies the message. Write through <paramref name="session"/>; it commits when this returns.</summary>
    protected abstract Task HandleAsync(TMessage message, DbSession session, ConsumeContext<TMessage> context);
}
