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
public sealed record AuditRecord : ICanonicalFields
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
    public string ComputeHash()
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(CanonicalEncoding.Encode(this), hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// Whether <see cref="Hash"/> is the hash of the record's content. Allocates nothing, so that verifying millions
    /// of records costs their hashing and not the garbage collector's work (issue 15).
    /// </summary>
    public bool HasValidHash()
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(CanonicalEncoding.Encode(this), hash);
        Span<char> hex = stackalloc char[SHA256.HashSizeInBytes * 2];
        return Convert.TryToHexStringLower(hash, hex, out _) && hex.SequenceEqual(Hash);
    }

    /// <summary>
    /// The record's canonical bytes: UTF-8 JSON with a fixed property order, the previous hash first, times in UTC with seven
    /// fractional digits. The chain hashes them, and they are the record's leaf in the Merkle tree (docs/adr/0036).
    /// </summary>
    public byte[] CanonicalBytes() => CanonicalEncoding.Encode(this).ToArray();

    void ICanonicalFields.Write(Utf8JsonWriter json, JsonEncodedText name, CanonicalField field)
    {
        switch (field)
        {
            case CanonicalField.Sequence: json.WriteNumber(name, Sequence); break;
            case CanonicalField.RecordedAt: CanonicalEncoding.WriteTime(json, name, RecordedAt); break;
            case CanonicalField.OccurredAt: CanonicalEncoding.WriteTime(json, name, OccurredAt); break;
            case CanonicalField.Categories: CanonicalEncoding.WriteCategories(json, name, Categories); break;
            case CanonicalField.ConsentId: CanonicalEncoding.WriteConsentId(json, name, ConsentId); break;
            default: json.WriteString(name, Text(field)); break;
        }
    }

    private string? Text(CanonicalField field) => field switch
    {
        CanonicalField.PreviousHash => PreviousHash,
        CanonicalField.Action => Action,
        CanonicalField.Outcome => Outcome,
        CanonicalField.ActorUserId => Actor.UserId,
        CanonicalField.ActorRole => Actor.Role,
        CanonicalField.ActorParty => Actor.Party,
        CanonicalField.ActorUnitId => Actor.UnitId,
        CanonicalField.PersonRef => PersonRef,
        CanonicalField.SourceParty => SourceParty,
        CanonicalField.SourceUnitId => SourceUnitId,
        CanonicalField.RecipientParty => RecipientParty,
        CanonicalField.RecipientUnitId => RecipientUnitId,
        CanonicalField.Purpose => Purpose,
        CanonicalField.Reason => Reason,
        CanonicalField.CorrelationId => CorrelationId,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a text field."),
    };

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
