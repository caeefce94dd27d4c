using MassTransit;

namespace Finsam.ServiceDefaults.Messaging;

/// <summary>All consumers of one service share one queue named after the service.</summary>
public class ServiceConsumerDefinition<TService, TConsumer> : ConsumerDefinition<TConsumer>
    where TService : IFinsamService
    where TConsumer : class, IConsumer
{
    public ServiceConsumerDefinition() => EndpointName = TService.Name;
}
