using Finsam.Audit.Checkpoints;
using Finsam.Audit.Recording;
using Finsam.Audit.Witnessing;
using Finsam.ServiceDefaults.Data;
using Finsam.Transparency;

namespace Finsam.Audit.Proofs;

/// <summary>Which checkpoint a record's proof is given in, and the proof file itself: one rule for the proof routes and the person's extract.</summary>
public static class PublishedCheckpoint
{
    /// <summary>
    /// The checkpoint to show for a record at <paramref name="coveringSize"/>: without witnesses, the newest tree head (signed
    /// now if the tree has grown); with witnesses, the newest one all of them cosigned, with their cosignature lines, and the
    /// newest head while none covers the record yet. Null while the log is empty.
    /// </summary>
    public static async Task<SignedTreeHead?> CoveringAsync(
        AuditLog log, ServiceDatabase<AuditService> database, AuditOptions options, long coveringSize, CancellationToken cancellationToken)
    {
        if (await log.LatestTreeHeadAsync(cancellationToken) is not { } latest || latest.TreeSize < coveringSize)
        {
            return null;
        }

        await using var session = await database.ConnectAsync(cancellationToken);
        var head = options.Witnesses.Count == 0 ? latest : await TreeHeadStore.NewestCosignedAsync(session, coveringSize, options.Witnesses.Count) ?? latest;
        return head with { Note = head.Note + string.Concat(await CosignatureStore.LinesAsync(session, head.TreeSize)) };
    }

    /// <summary>The <c>c2sp.org/tlog-proof@v1</c> file of record <paramref name="sequence"/> in <paramref name="head"/>.</summary>
    public static async Task<string> TlogProofAsync(DbSession session, long sequence, SignedTreeHead head) =>
        TlogProof.Format(sequence - 1, await TreeStore.InclusionProofAsync(session, sequence - 1, head.TreeSize), head.Note);
}
