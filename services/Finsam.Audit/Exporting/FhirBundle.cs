using System.Text.Json;
using Finsam.Audit.Recording;
using Finsam.Contracts.Audit;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Finsam.Audit.Exporting;

/// <summary>
/// Writes a FHIR R4 <c>collection</c> Bundle as it reads the records: each record's AuditEvents, then the Consents the
/// consent-granted records among them describe (inactive when revoked in the same export). Entries are serialised one
/// by one with Firely's serializer into the same JSON writer, so a large export never sits in memory.
/// </summary>
public static class FhirBundle
{
    private static readonly BaseFhirJsonSerializer Serializer = new(ModelInfo.ModelInspector);

    public static async System.Threading.Tasks.Task WriteAsync(
        Stream stream, IAsyncEnumerable<List<AuditRecord>> chunks, string origin, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var fullUrlBase = $"https://{origin.TrimEnd('/')}/";
        await using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("resourceType", "Bundle");
        json.WriteString("type", "collection");
        json.WriteString("timestamp", now.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteStartArray("entry");
        var grants = new List<AuditRecord>();
        var revoked = new HashSet<Guid>();
        await foreach (var chunk in chunks.WithCancellation(cancellationToken))
        {
            foreach (var record in chunk)
            {
                foreach (var audit in FhirAuditEvents.Of(record))
                {
                    Entry(json, fullUrlBase, audit);
                }

                if (FhirConsents.IsGrant(record))
                {
                    grants.Add(record);
                }
                else if (record.Action == AuditActions.ConsentRevoked && record.ConsentId is { } consent)
                {
                    revoked.Add(consent);
                }
            }

            await json.FlushAsync(cancellationToken);
        }

        foreach (var grant in grants.DistinctBy(g => g.ConsentId))
        {
            Entry(json, fullUrlBase, FhirConsents.Granted(grant, revoked.Contains(grant.ConsentId!.Value)));
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private static void Entry(Utf8JsonWriter json, string fullUrlBase, Resource resource)
    {
        json.WriteStartObject();
        json.WriteString("fullUrl", $"{fullUrlBase}{resource.TypeName}/{resource.Id}");
        json.WritePropertyName("resource");
        Serializer.Serialize(resource, json);
        json.WriteEndObject();
    }
}
