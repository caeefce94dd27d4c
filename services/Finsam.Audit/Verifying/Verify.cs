using Finsam.Audit.Recording;
using Finsam.ServiceDefaults.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Audit.Verifying;

public sealed record VerifyResult(bool Valid, long Records, string HeadHash, object? LastCheckpoint, long? FirstInvalidSequence);

/// <summary>Recomputes the chain from the first record: every hash, every link, no gaps in the sequence.</summary>
public static class Verify
{
    public static void MapVerify(this RouteGroupBuilder group) =>
        group.MapGet("/verify", HandleAsync).WithSummary("Check that no audit record was changed, removed or reordered");

    private static async Task<Ok<VerifyResult>> HandleAsync(ServiceDatabase<AuditService> database, CancellationToken cancellationToken)
    {
        await using var session = await database.ConnectAsync(cancellationToken);
        var rows = await session.QueryAsync<AuditStore.RecordRow>($"{AuditStore.SelectRecord} ORDER BY sequence");
        return TypedResults.Ok(Check(rows.Select(r => r.ToRecord())));
    }

    public static VerifyResult Check(IEnumerable<AuditRecord> records)
    {
        var previousHash = AuditOutcomes.GenesisHash;
        long count = 0;
        foreach (var record in records)
        {
            count++;
            if (record.Sequence != count || record.PreviousHash != previousHash || record.ComputeHash() != record.Hash)
            {
                return new VerifyResult(false, count - 1, previousHash, null, count);
            }

            previousHash = record.Hash;
        }

        return new VerifyResult(true, count, previousHash, null, null);
    }
}
