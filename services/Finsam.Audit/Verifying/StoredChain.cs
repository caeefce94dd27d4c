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
    public static async Task<VerificationResult> VerifyAsync(DbSession session, ECDsa publicKey, TrustedHead? trusted = null)
    {
        var verifier = new ChainVerifier(await CheckpointStore.AllAsync(session), publicKey, trusted);
        const string sql = $"{AuditStore.SelectRecord} ORDER BY sequence";
        if (session.Connection is SqliteConnection sqlite)
        {
            SqliteChainReader.Feed(sqlite, sql, verifier, session.CancellationToken);
            return verifier.Result();
        }

        await foreach (var record in AuditStore.StreamAsync(session, sql))
        {
            if (!verifier.Add(record))
            {
                break;
            }
        }

        return verifier.Result();
    }
}
