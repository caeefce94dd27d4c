using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Finsam.Audit.Recording;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Finsam.Audit.Verifying;

/// <summary>
/// Feeds the stored chain to a <see cref="ChainVerifier"/> straight from SQLite's row buffers: each record's canonical
/// bytes are written from its columns' UTF-8 as SQLite holds them, with no string, record or mapping per row. Verifying
/// millions of records then costs their hashing, not the building of objects to hash (issue 15, item 6: a string per
/// column and a parsed time cost three times the hash). The canonical form itself is <see cref="CanonicalEncoding"/>'s,
/// the same as for a record; SQL Server reads records (<see cref="AuditStore.StreamAsync"/>).
/// </summary>
internal static class SqliteChainReader
{
    /// <summary>The column of each canonical field in <see cref="AuditStore.SelectRecord"/>, which ends with previous_hash and hash.</summary>
    private const int PreviousHashColumn = 19;
    private const int HashColumn = 20;

    public static void Feed(SqliteConnection connection, string sql, ChainVerifier verifier, CancellationToken cancellationToken)
    {
        var database = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(database, sql, out var statement), database);
        using (statement)
        {
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
                SHA256.HashData(CanonicalEncoding.Encode(new StoredRow(statement)), hash);
                LowercaseHex(hash, hex);
                var stored = raw.sqlite3_column_blob(statement, HashColumn);
                var link = new ChainLink(raw.sqlite3_column_int64(statement, 0), raw.sqlite3_column_blob(statement, PreviousHashColumn), stored, stored.SequenceEqual(hex));
                if (!verifier.Add(link))
                {
                    return;
                }
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
    private readonly ref struct StoredRow(sqlite3_stmt statement) : ICanonicalFields
    {
        private readonly sqlite3_stmt _statement = statement;

        public void Write(Utf8JsonWriter json, JsonEncodedText name, CanonicalField field)
        {
            var column = field == CanonicalField.PreviousHash ? PreviousHashColumn : (int)field - 1;
            if (raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL)
            {
                json.WriteNull(name);
            }
            else if (field == CanonicalField.Sequence)
            {
                json.WriteNumber(name, raw.sqlite3_column_int64(_statement, column));
            }
            else if (field is CanonicalField.RecordedAt or CanonicalField.OccurredAt)
            {
                WriteStoredTime(json, name, raw.sqlite3_column_blob(_statement, column));
            }
            else
            {
                json.WriteString(name, raw.sqlite3_column_blob(_statement, column)); // text, stored as UTF-8
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
        if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time))
        {
            CanonicalEncoding.WriteTime(json, name, time);
        }
        else
        {
            json.WriteString(name, text);
        }
    }
}
