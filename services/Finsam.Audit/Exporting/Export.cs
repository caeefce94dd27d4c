using System.Text;
using Dapper;
using Finsam.Audit.Checkpoints;
using Finsam.Audit.Recording;
using Finsam.Audit.Searching;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Validation;
using Microsoft.Extensions.Options;

namespace Finsam.Audit.Exporting;

/// <summary>
/// <c>format=jsonl</c>: the whole chain with its checkpoints, for offline verification.
/// <c>format=csv</c>: the records that match the search filters, for reading in a spreadsheet.
/// <c>format=fhir</c>: the same records as a FHIR R4 Bundle of IHE BALP AuditEvents and the Consents they name.
/// All stream, so a large log never sits in memory.
/// </summary>
public static class Export
{
    private const int ChunkSize = 5000;

    public static void MapExport(this RouteGroupBuilder group) =>
        group.MapGet("/export", Handle).WithSummary("Export as JSON Lines (whole chain, verifiable offline) or CSV (filtered)");

    private static IResult Handle(HttpRequest request, Grant grant, IOptions<AuditOptions> options, ServiceDatabase<AuditService> database, TimeProvider clock)
    {
        var scope = AuditScope.Of(grant, options.Value);
        var format = request.Query["format"].ToString();
        if (format is "" or "jsonl")
        {
            // The whole chain is every party's records: only the joint auditor takes it; an authority exports its own as CSV.
            if (!scope.IsAll)
            {
                return Problems.Forbidden("Hela loggkedjan kan bara exporteras av den gemensamma granskaren; exportera din parts poster som CSV.");
            }

            return TypedResults.Stream(stream => WriteChainAsync(stream, database, request.HttpContext.RequestAborted), "application/jsonl", "finsam-audit.jsonl");
        }

        if (format is not ("csv" or "fhir"))
        {
            return Problems.Invalid("format", "Välj jsonl, csv eller fhir.");
        }

        var query = AuditQuery.Parse(request, scope);
        var errors = AuditQuery.Validate(request, query);
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var aborted = request.HttpContext.RequestAborted;
        return format == "csv"
            ? TypedResults.Stream(stream => WriteCsvAsync(stream, database, query, aborted), "text/csv; charset=utf-8", "finsam-audit.csv")
            : TypedResults.Stream(stream => FhirBundle.WriteAsync(stream, Chunks(database, query, aborted), options.Value.Origin, clock.GetUtcNow(), aborted), "application/fhir+json", "finsam-audit.fhir.json");
    }

    private static async Task WriteChainAsync(Stream stream, ServiceDatabase<AuditService> database, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false));
        await using var session = await database.ConnectAsync(cancellationToken);
        foreach (var checkpoint in await CheckpointStore.AllAsync(session))
        {
            await writer.WriteLineAsync(AuditExport.Line(checkpoint));
        }

        await foreach (var row in session.QueryUnbufferedAsync<AuditStore.RecordRow>($"{AuditStore.SelectRecord} ORDER BY sequence").WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(AuditExport.Line(row.ToRecord()));
        }
    }

    private static async Task WriteCsvAsync(Stream stream, ServiceDatabase<AuditService> database, AuditQuery query, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false));
        await writer.WriteLineAsync(AuditExport.CsvHeader);
        await foreach (var chunk in Chunks(database, query, cancellationToken))
        {
            foreach (var record in chunk)
            {
                await writer.WriteLineAsync(AuditExport.CsvLine(record));
            }
        }
    }

    /// <summary>The records that match <paramref name="query"/>, a chunk at a time, each read on a connection of its own.</summary>
    private static async IAsyncEnumerable<List<AuditRecord>> Chunks(
        ServiceDatabase<AuditService> database, AuditQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long after = 0;
        while (true)
        {
            List<AuditRecord> chunk;
            await using (var session = await database.ConnectAsync(cancellationToken))
            {
                var (sql, parameters) = query.Page(database.Dialect.Provider, after, ChunkSize);
                chunk = [.. (await session.QueryAsync<AuditStore.RecordRow>(sql, parameters)).Select(r => r.ToRecord())];
            }

            yield return chunk;
            if (chunk.Count < ChunkSize)
            {
                yield break;
            }

            after = chunk[^1].Sequence;
        }
    }
}
