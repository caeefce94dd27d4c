using Finsam.Contracts.Api.Audit;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Persons;
using Finsam.Gateway.Access;
using Finsam.Gateway.Identity;
using Finsam.Gateway.Proxy;
using Finsam.ServiceDefaults.Validation;

namespace Finsam.Gateway.AuditReview;

/// <summary>
/// Use 3: auditors review who saw what. Every search, sample, flag list, export and extract is itself
/// recorded (action <c>audit-search</c>) before its answer is returned.
/// </summary>
public static class AuditEndpoints
{
    private const string Service = "audit";

    public static void MapAuditReview(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").RequireAuthorization(GatewayPolicies.Auditor);
        audit.MapGet("/records", (HttpContext context, ServiceApis services, AccessLog log) => ForwardRecordedAsync(context, services, log, "audit/records"))
            .Produces<AuditPage>().ProducesValidationProblem().WithSummary("Search audit records");
        audit.MapGet("/sample", (HttpContext context, ServiceApis services, AccessLog log) => ForwardRecordedAsync(context, services, log, "audit/sample"))
            .Produces<SampleResult>().ProducesValidationProblem().WithSummary("A reproducible random sample of records");
        audit.MapGet("/flags", (HttpContext context, ServiceApis services, AccessLog log) => ForwardRecordedAsync(context, services, log, "audit/flags"))
            .Produces<FlagsResult>().ProducesValidationProblem().WithSummary("Records that need a human look");
        audit.MapGet("/persons/{personRef}/extract", (string personRef, HttpContext context, ServiceApis services, AccessLog log) =>
            PersonRef.IsValid(personRef)
                ? ForwardRecordedAsync(context, services, log, $"audit/persons/{personRef}/extract", personRef)
                : Task.FromResult<IResult>(Problems.Invalid("personRef", "Okänd personreferens.")))
            .Produces<PersonExtract>().ProducesValidationProblem().WithSummary("A person's access extract (subject access request)");
        audit.MapGet("/export", ExportAsync)
            .Produces(StatusCodes.Status200OK, contentType: "application/jsonl", additionalContentTypes: ["text/csv"])
            .Produces<System.Text.Json.Nodes.JsonObject>(StatusCodes.Status200OK, "application/fhir+json") // a FHIR R4 Bundle
            .ProducesValidationProblem().WithSummary("Export: JSON Lines (whole chain, for offline verification), CSV or a FHIR R4 Bundle of IHE BALP AuditEvents (filtered)");
        audit.MapGet("/verify", (HttpContext context, ServiceApis services, CancellationToken ct) =>
            services.GetAsync(Service, "audit/verify" + context.Request.QueryString.Value, Scope(context), ct))
            .Produces<ChainVerification>().ProducesValidationProblem()
            .WithSummary("Verify the audit chain and its signed checkpoints");
        audit.MapGet("/public-key", (HttpContext context, ServiceApis services, CancellationToken ct) =>
            services.GetAsync(Service, "audit/public-key", Scope(context), ct))
            .Produces(StatusCodes.Status200OK, contentType: "application/x-pem-file").WithSummary("The public key that signs checkpoints");
        MapProofs(api, audit);
    }

    /// <summary>
    /// Issue 16 (API.md "Proofs"): the checkpoint and its verifier key for anyone; a record's leaf (recorded as an audit search,
    /// since it is the record), its inclusion proof, consistency proofs and tlog-proof files for auditors.
    /// </summary>
    private static void MapProofs(RouteGroupBuilder api, RouteGroupBuilder audit)
    {
        api.MapGet("/audit/checkpoint", (ServiceApis services, CancellationToken ct) => services.GetPublicAsync(Service, "audit/checkpoint", ct))
            .AllowAnonymous().Produces(StatusCodes.Status200OK, contentType: "text/plain").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The latest checkpoint: a c2sp.org/tlog-checkpoint signed note (no token needed)");
        api.MapGet("/audit/verifier-key", (ServiceApis services, CancellationToken ct) => services.GetPublicAsync(Service, "audit/verifier-key", ct))
            .AllowAnonymous().Produces(StatusCodes.Status200OK, contentType: "text/plain")
            .WithSummary("The note verifier key that signs checkpoints (no token needed)");
        audit.MapGet("/records/{sequence}/leaf", (string sequence, HttpContext context, ServiceApis services, AccessLog log) =>
                services.StreamGetAsync(context, Service, $"audit/records/{Uri.EscapeDataString(sequence)}/leaf", Scope(context),
                    alsoRecord: () => RecordSearchAsync(context, log, $"audit/records/{sequence}/leaf", null)))
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A record's leaf in the Merkle tree: its canonical bytes");
        audit.MapGet("/proofs/inclusion", (HttpContext context, ServiceApis services, CancellationToken ct) =>
                services.GetAsync(Service, "audit/proofs/inclusion" + context.Request.QueryString.Value, Scope(context), ct))
            .Produces<InclusionProof>().ProducesValidationProblem().WithSummary("An RFC 6962 inclusion proof for a record at a tree size");
        audit.MapGet("/proofs/consistency", (HttpContext context, ServiceApis services, CancellationToken ct) =>
                services.GetAsync(Service, "audit/proofs/consistency" + context.Request.QueryString.Value, Scope(context), ct))
            .Produces<ConsistencyProof>().ProducesValidationProblem().WithSummary("An RFC 6962 consistency proof between two tree sizes");
        audit.MapGet("/records/{sequence}/tlog-proof", (string sequence, HttpContext context, ServiceApis services, CancellationToken ct) =>
                services.GetAsync(Service, $"audit/records/{Uri.EscapeDataString(sequence)}/tlog-proof", Scope(context), ct))
            .Produces(StatusCodes.Status200OK, contentType: "text/plain").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A c2sp.org/tlog-proof@v1 file: the record's inclusion in the latest checkpoint, checkable offline");
    }

    private static GrantScope Scope(HttpContext context) => new(context.User.ToActor(), Purposes.Audit);

    private static Task<IResult> ForwardRecordedAsync(HttpContext context, ServiceApis services, AccessLog log, string path, string? personRef = null) =>
        services.GetAsync(Service, path + context.Request.QueryString.Value, Scope(context), context.RequestAborted,
            alsoRecord: () => RecordSearchAsync(context, log, path, personRef));

    private static Task ExportAsync(HttpContext context, ServiceApis services, AccessLog log) =>
        services.StreamGetAsync(context, Service, "audit/export" + context.Request.QueryString.Value, Scope(context),
            alsoRecord: () => RecordSearchAsync(context, log, "audit/export", null));

    /// <summary>The filters an audit route understands; only these are written into the (permanent) record of a search.</summary>
    private static readonly string[] KnownFilters =
        ["personRef", "userId", "party", "unitId", "purpose", "outcome", "action", "from", "to", "limit", "cursor", "size", "seed", "format"];

    private static Task RecordSearchAsync(HttpContext context, AccessLog log, string path, string? personRef)
    {
        var subject = personRef ?? context.Request.Query["personRef"].FirstOrDefault();
        var filters = KnownFilters.Where(context.Request.Query.ContainsKey).Select(name => $"{name}={context.Request.Query[name]}");
        return log.RecordAuditSearchAsync(
            context.User.ToActor(), PersonRef.IsValid(subject) ? subject : null, $"{path}?{string.Join('&', filters)}".TrimEnd('?'), context.RequestAborted);
    }
}
