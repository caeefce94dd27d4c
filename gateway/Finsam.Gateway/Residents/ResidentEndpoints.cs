using Finsam.Contracts.Api.Blocks;
using Finsam.Contracts.Api.Consents;
using Finsam.Contracts.Api.Feedback;
using Finsam.Contracts.Api.Ips;
using Finsam.Contracts.Api.Referrals;
using Finsam.Contracts.Api.Residents;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Persons;
using Finsam.Gateway.Access;
using Finsam.Gateway.Blocks;
using Finsam.Gateway.Contract;
using Finsam.Gateway.Identity;
using Finsam.Gateway.Proxy;
using Finsam.ServiceDefaults.Validation;
using System.Security.Claims;

namespace Finsam.Gateway.Residents;

/// <summary>
/// The person's own door (API.md, "The person"): their consents, their access log, their blocks, their own referral and their
/// feedback, always about the
/// person the token names. Nothing here takes a personRef: one in the query or a body that is not the caller's own is a
/// 404 with a recorded denial, so a resident can reach nothing about anyone else (docs/adr/0026).
/// </summary>
public static class ResidentEndpoints
{
    private const string Consent = "consent";
    private const string Coordination = "coordination";

    /// <summary>How a consent the person gives signed in is given.</summary>
    private const string Digital = "digital";

    /// <summary>The denial's reason when a resident names someone else.</summary>
    public const string NotThePerson = "not-the-person";

    public static void MapResidentRoutes(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").RequireAuthorization(GatewayPolicies.Resident).AddEndpointFilter(OnlyTheirOwnAsync)
            .ProducesProblem(StatusCodes.Status404NotFound); // any of them, for a personRef that is not the caller's
        me.MapGet("", (HttpContext context) => TypedResults.Ok(new MeResponse(Me(context), context.User.FindFirstValue(GatewayClaims.Name) ?? "")))
            .WithSummary("The signed-in person");
        me.MapGet("/consents", (HttpContext context, ServiceApis services, CancellationToken ct) =>
                services.GetAsync(Consent, $"consent/persons/{Me(context)}/consents", Scope(context), ct))
            .Produces<List<ConsentResponse>>().WithSummary("My consents: active, expired and revoked");
        me.MapPost("/consents", RecordConsentAsync).AcceptsJson<RecordConsentRequest>()
            .Produces<ConsentResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Give a consent myself (method digital)");
        me.MapPost("/consents/{consentId:guid}/revoke", RevokeConsentAsync).AcceptsJson<RevokeConsentRequest>()
            .Produces<RevokeConsentResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Withdraw one of my consents");
        me.MapPost("/consents/{consentId:guid}/confirm", (Guid consentId, HttpContext context, ServiceApis services, CancellationToken ct) =>
                services.PostAsync(Consent, $"consent/consents/{consentId}/confirm", Scope(context) with { ConsentId = consentId }, null, ct))
            .Produces<ConsentResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Confirm a consent staff recorded, releasing what it held back (docs/adr/0024)");
        me.MapGet("/access-log", (HttpContext context, ServiceApis services, CancellationToken ct) =>
                services.GetAsync("audit", "audit/me/access-log" + context.Request.QueryString.Value, Scope(context, Purposes.Audit), ct))
            .Produces<AccessLogPage>().ProducesValidationProblem().WithSummary("Who saw, received or was refused my information, when and why");
        me.MapPost("/blocks", (HttpContext context, ServiceApis services, CancellationToken ct) => BlockEndpoints.RecordForAsync(Me(context), context, services, ct))
            .AcceptsJson<RecordBlockRequest>().Produces<BlockCreated>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("Block a party or unit from receiving some of my information");
        me.MapGet("/blocks", (HttpContext context, ServiceApis services, CancellationToken ct) => BlockEndpoints.ListForAsync(Me(context), context, services, ct))
            .Produces<List<BlockView>>().WithSummary("My blocks, active and lifted");
        me.MapPost("/feedback", SubmitFeedbackAsync).AcceptsJson<SubmitFeedbackRequest>()
            .Produces<FeedbackSubmitted>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("Praise, a suggestion or a complaint about a unit or its staff");
        me.MapPost("/referrals", SendOwnReferralAsync).AcceptsJson<OwnReferralRequest>()
            .Produces<SubmitReferralResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .WithSummary("Refer myself to an IPS unit or a coordination team (egen anmälan)");
        me.MapGet("/feedback", (HttpContext context, ServiceApis services, CancellationToken ct) =>
                services.GetAsync(Coordination, "coordination/feedback/mine", Scope(context), ct))
            .Produces<List<FeedbackView>>().WithSummary("My feedback, its status and the answers");
    }

    /// <summary>The signed-in person's personRef: the token's subject (checked at sign-in).</summary>
    private static string Me(HttpContext context) => context.User.ToActor().UserId;

    private static GrantScope Scope(HttpContext context, string purpose = Purposes.IpsSupport) => new(context.User.ToActor(), purpose, Me(context));

    private static async ValueTask<object?> OnlyTheirOwnAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        return context.Request.Query["personRef"].FirstOrDefault() is { } named && named != Me(context)
            ? await SomeoneElseAsync(context, named)
            : await next(invocation);
    }

    /// <summary>Nothing about another person: not even whether they exist. The attempt is recorded.</summary>
    private static async Task<IResult> SomeoneElseAsync(HttpContext context, string named)
    {
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        await context.RequestServices.GetRequiredService<AccessLog>().RecordAsync(AccessRecorded.Denial(
            context.User.ToActor(), PersonRef.IsValid(named) ? named : null, null, null, null, [], null,
            $"{NotThePerson}: {context.Request.Method} {(context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText}", clock.GetUtcNow()),
            context.RequestAborted);
        return Problems.NotFound("Det finns inget sådant bland dina uppgifter.");
    }

    private static async Task<IResult> RecordConsentAsync(HttpContext context, ServiceApis services, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<RecordConsentRequest>(context.Request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        if (body.PersonRef is { } named && named != Me(context))
        {
            return await SomeoneElseAsync(context, named);
        }

        if (body.Method is not (null or Digital))
        {
            return Problems.Invalid("method", "Ett samtycke du lämnar själv, inloggad, är digitalt.");
        }

        var own = body with { PersonRef = Me(context), Method = Digital };
        return await services.PostAsync(Consent, "consent/consents", Scope(context, Purposes.IsValid(own.Purpose) ? own.Purpose! : Purposes.IpsSupport), own, cancellationToken);
    }

    private static async Task<IResult> SubmitFeedbackAsync(HttpContext context, ServiceApis services, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<SubmitFeedbackRequest>(context.Request, cancellationToken);
        return body is null ? problem! : await services.PostAsync(Coordination, "coordination/feedback", Scope(context), body, cancellationToken);
    }

    private static async Task<IResult> SendOwnReferralAsync(HttpContext context, ServiceApis services, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<OwnReferralRequest>(context.Request, cancellationToken);
        return body is null ? problem! : await services.PostAsync("municipality", "municipality/ips/own-referrals", Scope(context), body, cancellationToken);
    }

    private static async Task<IResult> RevokeConsentAsync(Guid consentId, HttpContext context, ServiceApis services, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<RevokeConsentRequest>(context.Request, cancellationToken);
        return body is null
            ? problem!
            : await services.PostAsync(Consent, $"consent/consents/{consentId}/revoke", Scope(context) with { ConsentId = consentId }, body, cancellationToken);
    }
}
