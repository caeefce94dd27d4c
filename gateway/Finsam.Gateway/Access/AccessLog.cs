using Finsam.Contracts.Audit;
using Finsam.ServiceDefaults.Data;

namespace Finsam.Gateway.Access;

/// <summary>
/// The gateway's record of views, denials and audit searches. The record is committed to the gateway's
/// outbox before the response leaves, so no data is returned without a durable record of who saw it.
/// </summary>
public sealed class AccessLog(ServiceDatabase<GatewayService> database)
{
    public async Task RecordAsync(AccessRecorded access, CancellationToken cancellationToken)
    {
        await using var session = await database.BeginAsync(cancellationToken);
        await session.EnqueueAsync(access);
        await session.CommitAsync();
    }
}
