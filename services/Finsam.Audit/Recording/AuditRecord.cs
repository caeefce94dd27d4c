using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Finsam.Contracts.Api.Audit;
using Finsam.Contracts.Sharing;

namespace Finsam.Audit.Recording;

/// <summary>
/// One audit record, shaped after FHIR AuditEvent / IHE BALP: an action with an outcome, the acting agent
/// with role and purpose, the entity (person and categories), source and recipient parties, and the policy
/// (consent) that allowed it.
/// </summary>
public sealed record AuditRecord
{
    public long Sequence { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public string Action { get; init; } = "";
    public string Outcome { get; init; } = "";
    public Actor Actor { get; init; } = new("", "", "", null);
    public string? PersonRef { get; init; }
    public string? SourceParty { get; init; }
    public string? SourceUnitId { get; init; }
    public string? RecipientParty { get; init; }
    public string? RecipientUnitId { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public string? Purpose { get; init; }
    public Guid? ConsentId { get; init; }
    public string? Reason { get; init; }

    /// <summary>Ties the record to the message or request that caused it (FHIR AuditEvent.entity/correlation).</summary>
    public string? CorrelationId { get; init; }

    public string PreviousHash { get; init; } = AuditOutcomes.GenesisHash;
    public string Hash { get; init; } = "";

    /// <summary>
    /// SHA-256 over the record's canonical bytes, which begin with the previous hash. Anyone with an export can recompute it.
    /// </summary>
    public string ComputeHash() => Convert.ToHexStringLower(SHA256.HashData(CanonicalBytes()));

    /// <summary>
    /// The record's canonical bytes: UTF-8 JSON with a fixed property order, the previous hash first, times in UTC with seven
    /// fractional digits. The chain hashes them, and they are the record's leaf in the Merkle tree (docs/adr/0036).
    /// </summary>
    public byte[] CanonicalBytes()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("previousHash", PreviousHash);
            json.WriteNumber("sequence", Sequence);
            json.WriteString("recordedAt", Canonical(RecordedAt));
            json.WriteString("occurredAt", Canonical(OccurredAt));
            json.WriteString("action", Action);
            json.WriteString("outcome", Outcome);
            json.WriteString("actorUserId", Actor.UserId);
            json.WriteString("actorRole", Actor.Role);
            json.WriteString("actorParty", Actor.Party);
            json.WriteString("actorUnitId", Actor.UnitId);
            json.WriteString("personRef", PersonRef);
            json.WriteString("sourceParty", SourceParty);
            json.WriteString("sourceUnitId", SourceUnitId);
            json.WriteString("recipientParty", RecipientParty);
            json.WriteString("recipientUnitId", RecipientUnitId);
            json.WriteString("categories", string.Join(' ', Categories));
            json.WriteString("purpose", Purpose);
            json.WriteString("consentId", ConsentId?.ToString());
            json.WriteString("reason", Reason);
            json.WriteString("correlationId", CorrelationId);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string Canonical(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The record as auditors read it (API.md).</summary>
    public AuditRecordView ToView() => new(
        Sequence, RecordedAt, OccurredAt, Action, Outcome, Actor, PersonRef, SourceParty, SourceUnitId,
        RecipientParty, RecipientUnitId, Categories, Purpose, ConsentId, Reason, CorrelationId, Hash);
}

public static class AuditOutcomes
{
    public const string Permitted = "permitted";
    public const string Denied = "denied";

    /// <summary>The "previous hash" of the first record.</summary>
    public static readonly string GenesisHash = new('0', 64);
}
