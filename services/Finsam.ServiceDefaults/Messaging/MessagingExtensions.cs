using System.Reflection;
using Finsam.Contracts.Audit;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Hosting;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Finsam.ServiceDefaults.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit on the transport named by <c>Finsam:Messaging:Transport</c>: <c>in-memory</c> (default) or
    /// <c>rabbitmq</c> at <c>Finsam:Messaging:RabbitMq</c> (an amqp:// URI). Each service adds its consumers
    /// through <paramref name="addConsumers"/>; retries with backoff apply to every endpoint.
    /// </summary>
    public static IHostApplicationBuilder AddFinsamMessaging(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> addConsumers)
    {
        var transport = builder.Configuration["Finsam:Messaging:Transport"] ?? "in-memory";
        builder.Services.TryAddSingleton<IOutboxTransport, MassTransitOutboxTransport>();
        builder.Services.TryAddSingleton<ErrorQueueFilter.Metrics>();

        // On SIGTERM MassTransit's hosted service stops the bus with the host's stop token, which the host cancels at
        // its shutdown timeout (GracefulShutdown): the receive endpoints stop taking messages and wait for those in
        // hand. A consumer still busy shortly before that deadline is cancelled (ConsumerStopTimeout), so that its
        // message goes back to the queue while the bus can still say so, rather than with the connection at exit.
        var consumerStopTimeout = GracefulShutdown.ConsumerStopTimeoutOf(builder.Configuration);
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(options => options.ConsumerStopTimeout = consumerStopTimeout);
        builder.Services.AddMassTransit(bus =>
        {
            addConsumers(bus);

            // MassTransit reports usage to its vendor over the internet by default; a county's systems call nobody.
            bus.ConfigureUsageTelemetryOptions(telemetry => telemetry.Enabled = false);
            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                endpoint.UseMessageRetry(retry => retry.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200)));
                ErrorQueueFilter.Configure(endpoint, context);
            });

            switch (transport)
            {
                case "in-memory":
                    bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
                    break;
                case "rabbitmq":
                    var uri = builder.Configuration["Finsam:Messaging:RabbitMq"]
                        ?? throw new InvalidOperationException("Finsam:Messaging:RabbitMq must hold an amqp:// URI when the transport is rabbitmq.");
                    // Quorum queues are replicated and survive a broker restart; a classic queue on one node is
                    // neither. Publisher confirms make the relay mark a message sent only once the broker has it.
                    // A message that still fails after the retries moves to the queue's "_error" queue (see
                    // ErrorQueueFilter), so one poison message never blocks those behind it.
                    bus.AddRabbitMqConfigureEndpointsCallback((_, name, endpoint) =>
                    {
                        if (!ReplicaQueue.IsReplicaQueue(name))
                        {
                            endpoint.SetQuorumQueue();
                        }
                    });
                    bus.UsingRabbitMq((context, cfg) =>
                    {
                        cfg.Host(new Uri(uri), host => host.PublisherConfirmation = true);

                        foreach (var audited in AuditedMessages.Types)
                        {
                            BindToAuditQueueMethod.MakeGenericMethod(audited).Invoke(null, [cfg]);
                        }

                        cfg.ConfigureEndpoints(context);
                    });
                    break;
                default:
                    throw new InvalidOperationException($"Unknown Finsam:Messaging:Transport '{transport}'. Use in-memory or rabbitmq.");
            }
        });
        builder.Services.StartBusAfterServer();
        return builder;
    }

    private static readonly MethodInfo BindToAuditQueueMethod =
        typeof(MessagingExtensions).GetMethod(nameof(BindToAuditQueue), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>
    /// Binds the audit queue straight to the exchange of <typeparamref name="T"/>, declaring the queue exactly as the
    /// audit service does. The broker drops a message published to an exchange no queue is bound to, and confirms it
    /// all the same; on a first install the audit service may start after the others, and its queue must already
    /// hold the first share any of them sends. Once the audit service runs, the message reaches the queue by two
    /// bindings, and RabbitMQ still puts it there once.
    /// </summary>
    private static void BindToAuditQueue<T>(IRabbitMqBusFactoryConfigurator bus) where T : class =>
        bus.Publish<T>(topology => topology.BindQueue(topology.Exchange.ExchangeName, AuditedMessages.Queue, queue => queue.SetQuorumQueue()));

    /// <summary>Adds a consumer on its service's queue.</summary>
    public static IBusRegistrationConfigurator AddServiceConsumer<TService, TConsumer>(this IBusRegistrationConfigurator bus)
        where TService : IFinsamService
        where TConsumer : class, IConsumer
    {
        bus.AddConsumer<TConsumer, ServiceConsumerDefinition<TService, TConsumer>>();
        return bus;
    }

    /// <summary>
    /// The database of a service with its migrations, health check and outbox relay.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TService>(this IHostApplicationBuilder builder)
        where TService : IFinsamService
    {
        builder.AddServiceStore<TService>();
        builder.Services.AddSingleton<OutboxRelay<TService>>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay<TService>>());
        builder.Services.AddSingleton<MessageRetention<TService>>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MessageRetention<TService>>());
        // A message replayed or redelivered after its id left the inbox would take effect twice: the windows must nest.
        builder.Services.AddOptions<OutboxRelayOptions>().BindConfiguration("Finsam:Outbox")
            .Validate(o => o.KeepProcessedFor >= o.KeepSentFor && o.KeepProcessedFor >= (o.ReplaySentWithin ?? TimeSpan.Zero),
                "Finsam:Outbox:KeepProcessedFor must be at least KeepSentFor and ReplaySentWithin.")
            .ValidateOnStart();
        return builder;
    }

    /// <summary>
    /// The service's database alone, migrated at start-up and checked by <c>/health/ready</c>, for a host that sends no
    /// messages (the witness): no outbox relay, so no bus.
    /// </summary>
    public static IHostApplicationBuilder AddServiceStore<TService>(this IHostApplicationBuilder builder)
        where TService : IFinsamService
    {
        builder.Services.AddSingleton(sp => new ServiceDatabase<TService>(
            DatabaseSettings.For(TService.Name, builder.Configuration), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddHostedService<DatabaseMigrator<TService>>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TService>>($"{TService.Name}-database", tags: ["ready"]);
        return builder;
    }
}
