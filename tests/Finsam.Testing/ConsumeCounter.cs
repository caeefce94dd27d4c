using MassTransit;

namespace Finsam.Testing;

/// <summary>Counts completed consumes; the test harness's lists keep one entry per message id, so they cannot show a redelivery.</summary>
public sealed class ConsumeCounter : IConsumeObserver
{
    private int _completed;

    public int Completed => Volatile.Read(ref _completed);

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        Interlocked.Increment(ref _completed);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
