using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Finsam.EndToEnd.Tests;

/// <summary>
/// A fingerprint of what the services of one embedded host have stored: every row of every table in every
/// service database, except the records a refusal is meant to leave (audit records, the Merkle tree over them and their
/// checkpoints, and the outbox and inbox rows that carry them there). Two equal fingerprints mean nothing else was stored or changed.
/// </summary>
public static class StoredState
{
    private static readonly HashSet<string> RecordsOfRefusals =
        ["outbox_messages", "inbox_messages", "audit_records", "audit_checkpoints", "audit_tree", "audit_tree_heads", "schemaversions"];

    /// <summary>
    /// The fingerprint, and the messages still unsent in any outbox (while there are some, other services may still
    /// be about to write), read with one connection per database.
    /// </summary>
    public static async Task<(IReadOnlyDictionary<string, string> Tables, long Unsent)> ReadAsync(string dataDirectory)
    {
        var tables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        long unsent = 0;
        foreach (var file in Directory.GetFiles(dataDirectory, "*.db").Order(StringComparer.Ordinal))
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await connection.OpenAsync();
            var names = await NamesAsync(connection);
            foreach (var table in names.Where(n => !RecordsOfRefusals.Contains(n.ToLowerInvariant())))
            {
                tables[$"{Path.GetFileNameWithoutExtension(file)}.{table}"] = await HashAsync(connection, table);
            }

            if (names.Contains("outbox_messages"))
            {
                await using var count = connection.CreateCommand();
                count.CommandText = "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL";
                unsent += (long)(await count.ExecuteScalarAsync())!;
            }
        }

        return (tables, unsent);
    }

    /// <summary>The tables whose rows differ between two fingerprints.</summary>
    public static IReadOnlyList<string> Changed(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        [.. before.Keys.Union(after.Keys).Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t))];

    private static async Task<List<string>> NamesAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task<string> HashAsync(SqliteConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                hash.AppendData(Encoding.UTF8.GetBytes((reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)) + "\u001f"));
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
