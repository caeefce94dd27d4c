using MassTransit;

namespace Finsam.Testing;

/// <summary>
/// Counts completed consumes (of one message type, when <paramref name="only"/> names it: a service may consume what it
/// publishes itself); the test harness's lists keep one entry per message id, so they cannot show a redelivery.
/// </summary>
public sealed class ConsumeCounter(Type? only = null) : IConsumeObserver
{
    private int _completed;

    public int Completed => Volatile.Read(ref _completed);

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        if (only is null || only == typeof(T))
        {
            Interlocked.Increment(ref _completed);
        }

        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
