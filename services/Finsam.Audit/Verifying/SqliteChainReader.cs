using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Finsam.Audit.Checkpoints;
using Finsam.Audit.Recording;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Finsam.Audit.Verifying;

/// <summary>
/// Feeds the stored chain to a <see cref="ChainVerifier"/> straight from SQLite's row buffers: each record's canonical
/// bytes are written from its columns' UTF-8 as SQLite holds them, with no string, record or mapping per row. Verifying
/// millions of records then costs their hashing, not the building of objects to hash (issue 15, item 6: reading the
/// columns as strings cost seven times the hash, ADR 0044). The canonical form itself is <see cref="CanonicalEncoding"/>'s,
/// the same as for a record; SQL Server reads records (<see cref="AuditStore.RecordRow"/>).
/// </summary>
public static partial class SqliteChainReader
{
    /// <summary>The column of each canonical field in <see cref="AuditStore.SelectRecord"/>, which ends with previous_hash and hash.</summary>
    private const int PreviousHashColumn = 19;
    private const int HashColumn = 20;

    /// <summary>
    /// Verifies a large log in two parts side by side, each on a read-only connection of its own and so on a core of its own
    /// (WAL lets readers run together): the first part through <paramref name="verifier"/>, the rest through its
    /// <see cref="ChainVerifier.Continuation"/>, joined at the seam. Each part reads in a transaction of its own, and both
    /// must see the same log (first and last sequence, count) and the checkpoints already read; otherwise, for a log below
    /// <paramref name="from"/> records, or for a database that is not a file, the answer is null and the caller reads in one pass.
    /// </summary>
    public static async Task<VerificationResult?> VerifyInPartsAsync(
        SqliteConnection session, IReadOnlyList<Checkpoint> checkpoints, ChainVerifier verifier, long from, CancellationToken cancellationToken)
    {
        var settings = new SqliteConnectionStringBuilder(session.ConnectionString);
        if (settings.Mode == SqliteOpenMode.Memory || settings.DataSource is "" or ":memory:")
        {
            return null;
        }

        settings.Mode = SqliteOpenMode.ReadOnly;
        await using var first = new SqliteConnection(settings.ToString());
        await using var rest = new SqliteConnection(settings.ToString());
        await first.OpenAsync(cancellationToken);
        await rest.OpenAsync(cancellationToken);
        await using var firstSnapshot = first.BeginTransaction(deferred: true);
        await using var restSnapshot = rest.BeginTransaction(deferred: true);
        var seen = await LogStateAsync(firstSnapshot, cancellationToken);
        if (seen.Records < from || seen != await LogStateAsync(restSnapshot, cancellationToken)
            || seen.Checkpoints != checkpoints.Count || seen.LastCheckpoint != (checkpoints.Count == 0 ? null : checkpoints[^1].Sequence))
        {
            return null;
        }

        var middle = seen.FirstRecord + ((seen.LastRecord - seen.FirstRecord + 1) / 2);
        var continuation = verifier.Continuation();
        await Task.WhenAll(
            Task.Run(() => Feed(first, PartSql("<", middle), verifier, cancellationToken), cancellationToken),
            Task.Run(() => Feed(rest, PartSql(">=", middle), continuation, cancellationToken), cancellationToken));
        return verifier.Join(continuation);
    }

    private sealed record LogState(long FirstRecord, long LastRecord, long Records, long Checkpoints, long? LastCheckpoint);

    /// <summary>Read in the connection's transaction, which also fixes the snapshot that its part is then read from.</summary>
    private static async Task<LogState> LogStateAsync(SqliteTransaction snapshot, CancellationToken cancellationToken)
    {
        await using var command = snapshot.Connection!.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = """
            SELECT COALESCE(MIN(sequence), 0), COALESCE(MAX(sequence), 0), COUNT(*),
                   (SELECT COUNT(*) FROM audit_checkpoints), (SELECT MAX(sequence) FROM audit_checkpoints)
            FROM audit_records
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new LogState(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetInt64(4));
    }

    private static string PartSql(string comparison, long middle) =>
        string.Create(CultureInfo.InvariantCulture, $"{AuditStore.SelectRecord} WHERE sequence {comparison} {middle} ORDER BY sequence");

    /// <summary>The rows of <paramref name="sql"/> (<see cref="AuditStore.SelectRecord"/>'s columns) to the verifier, until it has seen enough.</summary>
    public static void Feed(SqliteConnection connection, string sql, ChainVerifier verifier, CancellationToken cancellationToken)
    {
        var database = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(database, sql, out var statement), database);
        using (statement)
        {
            // Held for the whole feed, so that the columns can be read through the bare handle (see NativeColumns).
            var held = false;
            statement.DangerousAddRef(ref held);
            try
            {
                Feed(database, statement, verifier, cancellationToken);
            }
            finally
            {
                if (held)
                {
                    statement.DangerousRelease();
                }
            }
        }
    }

    private static void Feed(sqlite3 database, sqlite3_stmt statement, ChainVerifier verifier, CancellationToken cancellationToken)
    {
        var handle = statement.DangerousGetHandle();
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> hex = stackalloc byte[SHA256.HashSizeInBytes * 2];
        for (long row = 0; ; row++)
        {
            if (row % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var result = raw.sqlite3_step(statement);
            if (result == raw.SQLITE_DONE)
            {
                return;
            }

            Check(result == raw.SQLITE_ROW ? raw.SQLITE_OK : result, database);
            SHA256.HashData(CanonicalEncoding.Encode(new StoredRow(handle)), hash);
            LowercaseHex(hash, hex);
            var stored = NativeColumns.Text(handle, HashColumn);
            var link = new ChainLink(NativeColumns.Int64(handle, 0), NativeColumns.Text(handle, PreviousHashColumn), stored, stored.SequenceEqual(hex));
            if (!verifier.Add(link))
            {
                return;
            }
        }
    }

    private static void Check(int result, sqlite3 database)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(database).utf8_to_string(), result);
        }
    }

    private static void LowercaseHex(ReadOnlySpan<byte> bytes, Span<byte> hex)
    {
        var digits = "0123456789abcdef"u8;
        for (var i = 0; i < bytes.Length; i++)
        {
            hex[2 * i] = digits[bytes[i] >> 4];
            hex[(2 * i) + 1] = digits[bytes[i] & 0xF];
        }
    }

    /// <summary>The current row of the statement as canonical fields.</summary>
    private readonly ref struct StoredRow(nint statement) : ICanonicalFields
    {
        private readonly nint _statement = statement;

        public void Write(Utf8JsonWriter json, JsonEncodedText name, CanonicalField field)
        {
            var column = field == CanonicalField.PreviousHash ? PreviousHashColumn : (int)field - 1;
            if (field == CanonicalField.Sequence)
            {
                json.WriteNumber(name, NativeColumns.Int64(_statement, column));
                return;
            }

            // Text, stored as UTF-8. Only an empty value can be NULL: asking every column's type cost a call per column.
            var value = NativeColumns.Text(_statement, column);
            if (value.IsEmpty && NativeColumns.Type(_statement, column) == raw.SQLITE_NULL)
            {
                json.WriteNull(name);
            }
            else if (field is CanonicalField.RecordedAt or CanonicalField.OccurredAt)
            {
                WriteStoredTime(json, name, value);
            }
            else
            {
                json.WriteString(name, value);
            }
        }
    }

    /// <summary>
    /// A stored time in the canonical form. Microsoft.Data.Sqlite stores "yyyy-MM-dd HH:mm:ss[.FFFFFFF]+00:00" (the store
    /// writes UTC), which is rearranged byte for byte; any other text is parsed, and text that is no time at all is written
    /// as it is, so that its record fails its hash rather than the verification as a whole.
    /// </summary>
    private static void WriteStoredTime(Utf8JsonWriter json, JsonEncodedText name, ReadOnlySpan<byte> stored)
    {
        Span<byte> canonical = stackalloc byte[28];
        if (stored.Length is >= 25 and <= 33 && stored[10] is (byte)' ' or (byte)'T' && stored.EndsWith("+00:00"u8)
            && (stored.Length == 25 || stored[19] == (byte)'.'))
        {
            var fraction = stored.Length == 25 ? [] : stored[20..^6];
            if (fraction.Length is >= 1 and <= 7 || stored.Length == 25)
            {
                stored[..10].CopyTo(canonical);
                canonical[10] = (byte)'T';
                stored[11..19].CopyTo(canonical[11..]);
                canonical[19] = (byte)'.';
                fraction.CopyTo(canonical[20..]);
                canonical[(20 + fraction.Length)..27].Fill((byte)'0');
                canonical[27] = (byte)'Z';
                json.WriteString(name, canonical);
                return;
            }
        }

        var text = Encoding.UTF8.GetString(stored);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            CanonicalEncoding.WriteTime(json, name, time);
        }
        else
        {
            json.WriteString(name, text);
        }
    }

    /// <summary>
    /// The current row's columns, read from e_sqlite3 (the library SQLitePCLRaw itself loads) through the statement's bare
    /// handle. SQLitePCLRaw's calls take the statement as a SafeHandle, whose reference count is raised and lowered on every
    /// call: some forty times a record, a tenth of verifying one. The caller holds the handle for the whole read. The calls
    /// only read the row SQLite already holds, so they skip the GC transition.
    /// </summary>
    private static unsafe partial class NativeColumns
    {
        /// <summary>A column's bytes as SQLite stores them (UTF-8 for text), valid until the next step; empty for NULL.</summary>
        public static ReadOnlySpan<byte> Text(nint statement, int column)
        {
            var bytes = Blob(statement, column); // before Bytes, as SQLite asks: Bytes then measures the same form
            return bytes == 0 ? [] : new ReadOnlySpan<byte>((void*)bytes, Bytes(statement, column));
        }

        [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_column_blob"), SuppressGCTransition]
        private static partial nint Blob(nint statement, int column);

        [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_column_bytes"), SuppressGCTransition]
        private static partial int Bytes(nint statement, int column);

        [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_column_int64"), SuppressGCTransition]
        public static partial long Int64(nint statement, int column);

        [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_column_type"), SuppressGCTransition]
        public static partial int Type(nint statement, int column);
    }
}
