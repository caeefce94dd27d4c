using System.Security.Cryptography;
using Finsam.Audit.Checkpoints;
using Finsam.Audit.Recording;
using Finsam.ServiceDefaults.Data;
using Microsoft.Data.Sqlite;

namespace Finsam.Audit.Verifying;

/// <summary>The stored chain through <see cref="ChainVerifier"/>: what <c>/audit/verify</c> answers and what retention checks before it cuts.</summary>
public static class StoredChain
{
    /// <summary>
    /// Streams the records in sequence, so that verifying millions of them does not hold them all in memory.
    /// Reads inside the session's transaction when it has one, so a writer verifies exactly what it is about to change.
    /// </summary>
    /// <param name="inPartsFrom">
    /// On SQLite, outside a transaction, a log of at least this many records is read in two parts side by side, one per core
    /// (<see cref="SqliteChainReader.VerifyInPartsAsync"/>); null reads every log in one pass.
    /// </param>
    public static async Task<VerificationResult> VerifyAsync(DbSession session, ECDsa publicKey, TrustedHead? trusted = null, long? inPartsFrom = null)
    {
        const string sql = $"{AuditStore.SelectRecord} ORDER BY sequence";
        var checkpoints = await CheckpointStore.AllAsync(session);
        var verifier = new ChainVerifier(checkpoints, publicKey, trusted);
        if (session.Connection is SqliteConnection sqlite)
        {
            if (inPartsFrom is { } from && session.Transaction is null
                && await SqliteChainReader.VerifyInPartsAsync(sqlite, checkpoints, verifier, from, session.CancellationToken) is { } whole)
            {
                return whole;
            }

            verifier = new ChainVerifier(checkpoints, publicKey, trusted); // the parts' verifier may have been fed
            SqliteChainReader.Feed(sqlite, sql, verifier, session.CancellationToken);
            return verifier.Result();
        }

        var rows = session.QueryUnbufferedAsync<AuditStore.RecordRow>(sql);
        await foreach (var row in rows.WithCancellation(session.CancellationToken))
        {
            if (!verifier.Add(row.ToRecord()))
            {
                break;
            }
        }

        return verifier.Result();
    }
}
