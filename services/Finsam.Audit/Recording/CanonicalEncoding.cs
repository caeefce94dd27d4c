using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Finsam.Audit.Recording;

/// <summary>The canonical form's fields, in their order; each is written under its name in camel case.</summary>
public enum CanonicalField
{
    PreviousHash, Sequence, RecordedAt, OccurredAt, Action, Outcome, ActorUserId, ActorRole, ActorParty, ActorUnitId, PersonRef,
    SourceParty, SourceUnitId, RecipientParty, RecipientUnitId, Categories, Purpose, ConsentId, Reason, CorrelationId,
}

/// <summary>Where a record's fields come from: a record, or a stored row read without building one.</summary>
public interface ICanonicalFields
{
    void Write(Utf8JsonWriter json, JsonEncodedText name, CanonicalField field);
}

/// <summary>
/// Writes a record's canonical bytes (see <see cref="AuditRecord.CanonicalBytes"/>) into a buffer of the calling
/// thread's own, reused from record to record: ingest and verify hash every record, and a fresh stream, writer and
/// strings per record cost more than the hash itself (6.9 KB allocated per hash before; issue 15, item 6).
/// </summary>
public static class CanonicalEncoding
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private static readonly (JsonEncodedText Name, CanonicalField Field)[] Fields =
        [.. Enum.GetValues<CanonicalField>().Select(field => (JsonEncodedText.Encode(JsonNamingPolicy.CamelCase.ConvertName(field.ToString())), field))];

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The canonical bytes, valid until this thread encodes the next record: use them before any await.</summary>
    public static ReadOnlySpan<byte> Encode<TFields>(TFields fields)
        where TFields : ICanonicalFields, allows ref struct
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var json = t_writer ??= new Utf8JsonWriter(buffer);
        json.Reset(buffer);

        json.WriteStartObject();
        foreach (var (name, field) in Fields)
        {
            fields.Write(json, name, field);
        }

        json.WriteEndObject();
        json.Flush();
        return buffer.WrittenSpan;
    }

    /// <summary>A time in UTC with seven fractional digits, whatever offset it carries.</summary>
    public static void WriteTime(Utf8JsonWriter json, JsonEncodedText name, DateTimeOffset time)
    {
        Span<char> text = stackalloc char[32];
        time.UtcDateTime.TryFormat(text, out var length, TimeFormat, CultureInfo.InvariantCulture);
        json.WriteString(name, text[..length]);
    }

    /// <summary>The categories joined by single spaces (as they are stored), as one string value.</summary>
    public static void WriteCategories(Utf8JsonWriter json, JsonEncodedText name, IReadOnlyList<string> categories)
    {
        if (categories.Count == 1)
        {
            json.WriteString(name, categories[0]);
            return;
        }

        var length = Math.Max(0, categories.Count - 1);
        foreach (var category in categories)
        {
            length += category.Length;
        }

        var rented = length > 256 ? ArrayPool<char>.Shared.Rent(length) : null;
        var joined = rented is null ? stackalloc char[256] : rented;
        var at = 0;
        for (var i = 0; i < categories.Count; i++)
        {
            if (i > 0)
            {
                joined[at++] = ' ';
            }

            categories[i].CopyTo(joined[at..]);
            at += categories[i].Length;
        }

        json.WriteString(name, joined[..at]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>A consent id in its lowercase "D" form (as stored), or null.</summary>
    public static void WriteConsentId(Utf8JsonWriter json, JsonEncodedText name, Guid? consentId)
    {
        if (consentId is not { } id)
        {
            json.WriteNull(name);
            return;
        }

        Span<char> text = stackalloc char[36];
        id.TryFormat(text, out _);
        json.WriteString(name, text);
    }
}
