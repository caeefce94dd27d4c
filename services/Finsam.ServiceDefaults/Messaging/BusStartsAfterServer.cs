using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Finsam.ServiceDefaults.Messaging;

/// <summary>
/// Starts the bus, and with it every consumer, only once the host has started everything else, the web server
/// included. The generic host starts hosted services before the server binds its address, so MassTransit's own
/// hosted service would consume a waiting message while the service's routes still refuse connections (a probe saw
/// a redelivered referral consumed before Kestrel listened; only a retry saved it). The migrations ran before that
/// too, in their own hosted service. Stopping is unchanged: the bus stops where MassTransit's hosted service did.
/// </summary>
internal sealed class BusStartsAfterServer(IBusDepot depot, IOptions<MassTransitHostOptions> options, BusStarted started)
    : IHostedLifecycleService, IAsyncDisposable
{
    private readonly MassTransitHostedService _bus = new(depot, options);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        await _bus.StartAsync(cancellationToken);
        started.Signal();
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => _bus.StopAsync(cancellationToken);

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => _bus.DisposeAsync();

}

public static class BusStartExtensions
{
    /// <summary>
    /// Call after <c>AddMassTransit</c> (and again after <c>AddMassTransitTestHarness</c>, which adds MassTransit's hosted
    /// service once more): puts <see cref="BusStartsAfterServer"/> in the place of MassTransit's hosted service, so that
    /// the order of stopping stays the same, and leaves exactly one thing that starts the bus.
    /// </summary>
    public static IServiceCollection StartBusAfterServer(this IServiceCollection services)
    {
        services.TryAddSingleton<BusStarted>();
        var index = services.ToList().FindIndex(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(MassTransitHostedService));
        if (index < 0)
        {
            return services;
        }

        services.RemoveAt(index);
        if (!services.Any(d => d.ImplementationType == typeof(BusStartsAfterServer)))
        {
            services.Insert(index, ServiceDescriptor.Singleton<IHostedService, BusStartsAfterServer>());
        }

        return services.StartBusAfterServer(); // any other copy of MassTransit's hosted service
    }
}

/// <summary>Completes when the bus has been started; the outbox transport publishes only after it.</summary>
public sealed class BusStarted
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WaitAsync(CancellationToken cancellationToken) => _started.Task.WaitAsync(cancellationToken);

    internal void Signal() => _started.TrySetResult();
}
