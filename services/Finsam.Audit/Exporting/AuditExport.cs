using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Finsam.Audit.Checkpoints;
using Finsam.Audit.Recording;

namespace Finsam.Audit.Exporting;

/// <summary>
/// The JSON Lines export that the offline verifier reads: first every checkpoint
/// (<c>{"type":"checkpoint",...,"kind":"ordinary"}</c>, or <c>"kind":"cut"</c> for the retention cut that the
/// log starts after), then every record in sequence (<c>{"type":"record",...}</c>, with all the fields its
/// hash covers). One format, written by the service and read by the tool. A checkpoint line without a kind
/// (an export made before kinds existed) is an ordinary checkpoint.
/// </summary>
public static class AuditExport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Line(Checkpoint checkpoint) => Tagged("checkpoint", JsonSerializer.SerializeToNode(checkpoint, Json)!);

    public static string Line(AuditRecord record) => Tagged("record", JsonSerializer.SerializeToNode(record, Json)!);

    /// <summary>Reads one line: a checkpoint, a record, or neither (a blank line).</summary>
    public static (Checkpoint? Checkpoint, AuditRecord? Record) Read(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return (null, null);
        }

        var node = JsonNode.Parse(line) as JsonObject ?? throw new FormatException("Each line must be a JSON object.");
        return node["type"]?.GetValue<string>() switch
        {
            "checkpoint" => (node.Deserialize<Checkpoint>(Json), null),
            "record" => (null, node.Deserialize<AuditRecord>(Json)),
            var other => throw new FormatException($"Unknown line type '{other}'."),
        };
    }

    public static string CsvHeader => "sequence,occurredAt,recordedAt,action,outcome,actorUserId,actorRole,actorParty,actorUnitId,personRef,sourceParty,sourceUnitId,recipientParty,recipientUnitId,categories,purpose,consentId,reason,hash";

    public static string CsvLine(AuditRecord r) => string.Join(',', new[]
    {
        r.Sequence.ToString(CultureInfo.InvariantCulture), r.OccurredAt.ToString("O", CultureInfo.InvariantCulture),
        r.RecordedAt.ToString("O", CultureInfo.InvariantCulture), r.Action, r.Outcome, r.Actor.UserId, r.Actor.Role, r.Actor.Party,
        r.Actor.UnitId, r.PersonRef, r.SourceParty, r.SourceUnitId, r.RecipientParty, r.RecipientUnitId, string.Join(' ', r.Categories),
        r.Purpose, r.ConsentId?.ToString(), r.Reason, r.Hash,
    }.Select(Csv));

    private static string Tagged(string type, JsonNode body)
    {
        var tagged = new JsonObject { ["type"] = type };
        foreach (var (name, value) in body.AsObject().ToList())
        {
            body.AsObject().Remove(name);
            tagged[name] = value;
        }

        return tagged.ToJsonString(Json);
    }

    /// <summary>RFC 4180 quoting; a leading = + - @ tab or CR is neutralised so that a spreadsheet never runs it as a formula (OWASP).</summary>
    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var text = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
