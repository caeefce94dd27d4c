using MassTransit;

namespace Finsam.ServiceDefaults.Messaging;

/// <summary>
/// A queue of one replica's own. A service's queue shares its messages out among the service's replicas; a consumer
/// that keeps something in memory (a cache to forget) needs every message in every replica. The queue is temporary: not
/// durable, deleted when the replica goes, so it is a classic queue (a quorum queue cannot be either).
/// </summary>
public static class ReplicaQueue
{
    private const string Marker = "-replica-";

    public static void OnReplicaQueue<TConsumer>(this IConsumerRegistrationConfigurator<TConsumer> consumer, string service)
        where TConsumer : class, IConsumer =>
        consumer.Endpoint(endpoint =>
        {
            endpoint.Name = service + Marker + NewId.NextGuid().ToString("N");
            endpoint.Temporary = true;
        });

    public static bool IsReplicaQueue(string endpointName) => endpointName.Contains(Marker, StringComparison.Ordinal);
}
