using System.Globalization;
using Finsam.Audit.Recording;
using Finsam.Audit.Searching;
using Finsam.Audit.Checkpoints;
using Finsam.Contracts.Api.Audit;
using Finsam.ServiceDefaults.Data;
using Finsam.Transparency;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Finsam.Audit.Proofs;

/// <summary>
/// Proofs anyone can check (issue 16, API.md "Proofs"): the latest checkpoint as a C2SP signed note and its verifier key,
/// which hold no personal data and need no grant, and, for auditors, a record's leaf bytes and the inclusion and
/// consistency proofs that tie records and checkpoints together. Record s is leaf s − 1.
/// </summary>
public static class ProofEndpoints
{
    private const string TextPlain = "text/plain; charset=utf-8";

    /// <summary>The routes that need no grant: what a witness or a verifier outside Finsam reads.</summary>
    public static void MapPublicProofs(this IEndpointRouteBuilder app)
    {
        app.MapGet("/audit/checkpoint", CheckpointAsync).WithSummary("The latest checkpoint, a c2sp.org/tlog-checkpoint signed note");
        app.MapGet("/audit/verifier-key", (AuditNoteKey key) => TypedResults.Text(key.Verifier + "\n", TextPlain))
            .WithSummary("The note verifier key that checkpoints are signed with");
    }

    public static void MapProofs(this RouteGroupBuilder group)
    {
        group.MapGet("/records/{sequence}/leaf", LeafAsync).WithSummary("A record's leaf: its canonical bytes");
        group.MapGet("/proofs/inclusion", InclusionAsync).WithSummary("An inclusion proof for a record at a tree size");
        group.MapGet("/proofs/consistency", ConsistencyAsync).WithSummary("A consistency proof between two tree sizes");
        group.MapGet("/records/{sequence}/tlog-proof", TlogProofAsync).WithSummary("A c2sp.org/tlog-proof@v1 file for a record");
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> CheckpointAsync(
        AuditLog log, ServiceDatabase<AuditService> database, IOptions<AuditOptions> options, CancellationToken cancellationToken) =>
        await PublishedCheckpoint.CoveringAsync(log, database, options.Value, 1, cancellationToken) is { } published
            ? TypedResults.Text(published.Note, TextPlain)
            : Problems.NotFound("Loggen är tom: det finns ännu ingen kontrollpunkt.");

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> LeafAsync(
        string sequence, Grant grant, ServiceDatabase<AuditService> database, IOptions<AuditOptions> options, CancellationToken cancellationToken)
    {
        if (!TryParsePositive(sequence, out var number))
        {
            return Problems.Invalid("sequence", "Ett positivt heltal.");
        }

        var scope = AuditScope.Of(grant, options.Value);
        await using var session = await database.ConnectAsync(cancellationToken);
        var row = await session.QuerySingleOrDefaultAsync<AuditStore.RecordRow>(
            $"{AuditStore.SelectRecord} WHERE sequence = @Sequence{scope.Sql()}", new { Sequence = number, ScopeParty = scope.Party });
        return row is null
            ? Problems.NotFound("Posten finns inte, har gallrats eller ligger utanför det du granskar.")
            : TypedResults.File(row.ToRecord().CanonicalBytes(), "application/octet-stream", $"audit-record-{number}.json");
    }

    private static async Task<Results<Ok<InclusionProof>, ValidationProblem>> InclusionAsync(
        HttpRequest request, ServiceDatabase<AuditService> database, CancellationToken cancellationToken)
    {
        await using var session = await database.ConnectAsync(cancellationToken);
        var stored = await TreeStore.SizeAsync(session);
        var errors = new ValidationErrors();
        var sequence = Positive(request, "sequence", errors);
        var treeSize = Positive(request, "treeSize", errors);
        errors.Require(!errors.IsValid || treeSize <= stored, "treeSize", $"Trädet har {stored} poster.")
            .Require(!errors.IsValid || sequence <= treeSize, "sequence", "Posten ligger inte i ett träd av den storleken.");
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var index = sequence - 1;
        var leaf = (await TreeStore.ReadAsync(session, [(0, index)]))[(0, index)];
        var hashes = await TreeStore.InclusionProofAsync(session, index, treeSize);
        return TypedResults.Ok(new InclusionProof(index, treeSize, Convert.ToBase64String(leaf), [.. hashes.Select(Convert.ToBase64String)]));
    }

    private static async Task<Results<Ok<ConsistencyProof>, ValidationProblem>> ConsistencyAsync(
        HttpRequest request, ServiceDatabase<AuditService> database, CancellationToken cancellationToken)
    {
        await using var session = await database.ConnectAsync(cancellationToken);
        var stored = await TreeStore.SizeAsync(session);
        var errors = new ValidationErrors();
        var from = Positive(request, "from", errors);
        var to = Positive(request, "to", errors);
        errors.Require(!errors.IsValid || to <= stored, "to", $"Trädet har {stored} poster.")
            .Require(!errors.IsValid || from <= to, "from", "from får inte vara större än to.");
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var hashes = await TreeStore.ConsistencyProofAsync(session, from, to);
        return TypedResults.Ok(new ConsistencyProof(from, to, [.. hashes.Select(Convert.ToBase64String)]));
    }

    /// <summary>The record's inclusion in the latest checkpoint (signed first if the log has grown), as one offline-checkable file.</summary>
    private static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> TlogProofAsync(
        string sequence, AuditLog log, ServiceDatabase<AuditService> database, IOptions<AuditOptions> options, CancellationToken cancellationToken)
    {
        if (!TryParsePositive(sequence, out var number))
        {
            return Problems.Invalid("sequence", "Ett positivt heltal.");
        }

        if (await PublishedCheckpoint.CoveringAsync(log, database, options.Value, number, cancellationToken) is not { } head)
        {
            return Problems.NotFound("Posten finns inte i loggen.");
        }

        await using var session = await database.ConnectAsync(cancellationToken);
        return TypedResults.Text(await PublishedCheckpoint.TlogProofAsync(session, number, head), TextPlain);
    }

    private static long Positive(HttpRequest request, string name, ValidationErrors errors)
    {
        var text = request.Query[name].ToString();
        errors.Require(TryParsePositive(text, out var value), name, "Ett positivt heltal.");
        return value;
    }

    private static bool TryParsePositive(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
