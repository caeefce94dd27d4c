using Finsam.ServiceDefaults.Data;

namespace Finsam.Audit.Recording;

/// <summary>
/// The single writer of the audit chain. Appends are serialised because each record's hash covers the one
/// before it; a message id already recorded is acknowledged without a second record (at-least-once delivery
/// in, exactly-once records out). One audit writer runs per deployment (see docs/adr).
/// </summary>
public sealed class AuditLog(ServiceDatabase<AuditService> database, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>Appends <paramref name="record"/> unless <paramref name="messageId"/> was recorded before. Returns whether it was appended.</summary>
    public async Task<bool> AppendAsync(AuditRecord record, Guid messageId, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            await using var session = await database.BeginAsync(cancellationToken);
            if (await AuditStore.ContainsMessageAsync(session, messageId.ToString()))
            {
                return false;
            }

            var head = await AuditStore.HeadAsync(session);
            var chained = record with
            {
                Sequence = (head?.Sequence ?? 0) + 1,
                RecordedAt = clock.GetUtcNow(),
                PreviousHash = head?.Hash ?? AuditOutcomes.GenesisHash,
            };
            chained = chained with { Hash = chained.ComputeHash() };
            await AuditStore.InsertAsync(session, chained, messageId.ToString());
            await session.CommitAsync();
            return true;
        }
        finally
        {
            _writer.Release();
        }
    }

    public void Dispose() => _writer.Dispose();
}
