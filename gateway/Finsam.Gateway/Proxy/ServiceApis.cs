using System.Net.Http.Json;
using System.Text.Json;
using Finsam.Contracts.Sharing;
using Finsam.Gateway.Access;
using Finsam.ServiceDefaults.Disclosures;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Gateway.Proxy;

/// <summary>What the gateway vouches for when it calls a service: the grant's content.</summary>
public sealed record GrantScope(Actor Actor, string Purpose, string? PersonRef = null, IReadOnlyList<string>? Categories = null, Guid? ConsentId = null);

/// <summary>
/// Calls the services on behalf of the signed-in person. Every call carries a grant signed by the gateway
/// and addressed to that one service, valid for a minute. Every answer is passed on the one way
/// <see cref="ForwardAsync"/> does it: views recorded from the service's declaration, or nothing at all.
/// </summary>
public sealed partial class ServiceApis(IHttpClientFactory clients, GrantIssuer grants, AccessLog accessLog, ILogger<ServiceApis> logger)
{
    public const string Issuer = "gateway";

    /// <summary>Bodies as the gateway passes them on: its own typed requests, without the fields a caller left out.</summary>
    private static readonly JsonSerializerOptions ForwardedJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static readonly string[] Services = ["consent", "healthcare", "municipality", "audit", "arbetsformedlingen", "forsakringskassan", "coordination", "follow-up"];

    /// <summary>The client for a shared view's section reads from <paramref name="service"/>: no retries (see GatewayService).</summary>
    public static string SectionClientOf(string service) => service + "-sections";

    /// <summary>
    /// Sends the request and passes the service's answer on. A successful answer is passed on only when the
    /// service declared what it discloses (<see cref="DisclosureHeader"/>); the declared views are durably
    /// recorded first, together with <paramref name="alsoRecord"/> (an auditor's search). An answer without
    /// a declaration is a 502, logged: no record, no data.
    /// </summary>
    public async Task<IResult> ForwardAsync(
        string service, HttpMethod method, string path, GrantScope scope, object? body, CancellationToken cancellationToken,
        Func<Task>? alsoRecord = null)
    {
        var response = await SendAsync(service, service, method, path, scope, body, cancellationToken);
        if (!response.IsSuccess)
        {
            return response.ToResult();
        }

        if (!await RecordDeclaredAsync(service, method, path, scope.Actor, response.Disclosures, cancellationToken))
        {
            return UndeclaredDisclosure();
        }

        if (alsoRecord is not null)
        {
            await alsoRecord();
        }

        return response.ToResult();
    }

    public Task<IResult> GetAsync(string service, string path, GrantScope scope, CancellationToken cancellationToken, Func<Task>? alsoRecord = null) =>
        ForwardAsync(service, HttpMethod.Get, path, scope, null, cancellationToken, alsoRecord);

    /// <summary>A POST with the gateway's own (validated, typed) body; an empty object when there is none.</summary>
    public Task<IResult> PostAsync(string service, string path, GrantScope scope, object? body, CancellationToken cancellationToken) =>
        ForwardAsync(service, HttpMethod.Post, path, scope, body ?? new { }, cancellationToken);

    /// <summary>
    /// What a service publishes to anyone, passed on without a grant: the audit log's checkpoint and verifier key, which hold
    /// no personal data. Only routes the service serves without a grant answer.
    /// </summary>
    public async Task<IResult> GetPublicAsync(string service, string path, CancellationToken cancellationToken)
    {
        using var response = await clients.CreateClient(service).GetAsync(path, cancellationToken);
        var content = await response.Content.ReadAsStringAsync(cancellationToken);
        return new ServiceResponse((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), content, null).ToResult();
    }

    /// <summary>An answer the gateway reads itself (a shared view's parts); the caller records what it shows from <see cref="ServiceResponse.Disclosures"/>.</summary>
    public Task<ServiceResponse> ReadAsync(string service, string path, GrantScope scope, CancellationToken cancellationToken) =>
        SendAsync(service, service, HttpMethod.Get, path, scope, null, cancellationToken);

    /// <summary>Reads a shared view's sections from a party's service, through the client that does not retry.</summary>
    public Task<ServiceResponse> ReadSectionsAsync(string service, string path, GrantScope scope, CancellationToken cancellationToken) =>
        SendAsync(service, SectionClientOf(service), HttpMethod.Get, path, scope, null, cancellationToken);

    /// <summary>
    /// Passes a service's answer through as it arrives, for answers too large to hold (exports), under the same
    /// rule as <see cref="ForwardAsync"/>: the declaration and <paramref name="alsoRecord"/> are recorded before
    /// any of the answer is passed on.
    /// </summary>
    public async Task StreamGetAsync(HttpContext context, string service, string path, GrantScope scope, Func<Task> alsoRecord)
    {
        using var request = NewRequest(service, HttpMethod.Get, path, scope, null);
        using var response = await clients.CreateClient(service).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        if (response.IsSuccessStatusCode)
        {
            if (!await RecordDeclaredAsync(service, HttpMethod.Get, path, scope.Actor, DisclosuresOf(response), context.RequestAborted))
            {
                await UndeclaredDisclosure().ExecuteAsync(context);
                return;
            }

            await alsoRecord();
        }

        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        if (response.Content.Headers.ContentDisposition is { } disposition)
        {
            context.Response.Headers.ContentDisposition = disposition.ToString();
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    /// <summary>Records the declared views in one commit; false when a successful answer came with no declaration.</summary>
    private async Task<bool> RecordDeclaredAsync(
        string service, HttpMethod method, string path, Actor viewer, IReadOnlyList<Disclosure>? disclosures, CancellationToken cancellationToken)
    {
        if (disclosures is null)
        {
            LogUndeclared(logger, service, method.Method, path);
            return false;
        }

        await accessLog.RecordViewsAsync(viewer, disclosures, cancellationToken);
        return true;
    }

    private static ProblemHttpResult UndeclaredDisclosure() => Problems.BadGateway(
        "Tjänsten svarade utan att ange vilka uppgifter svaret lämnar ut, så inget av svaret visas. Felet är loggat.");

    private async Task<ServiceResponse> SendAsync(
        string service, string client, HttpMethod method, string path, GrantScope scope, object? body, CancellationToken cancellationToken)
    {
        using var request = NewRequest(service, method, path, scope, body);
        try
        {
            using var response = await clients.CreateClient(client).SendAsync(request, cancellationToken);
            var content = await response.Content.ReadAsStringAsync(cancellationToken);
            return new ServiceResponse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, content, DisclosuresOf(response));
        }
        // Down, restarting, or its circuit open after the retries: a 503 that says so, not a 500. The caller may try again.
        catch (Exception exception) when (exception is HttpRequestException or Polly.ExecutionRejectedException && !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, service, exception);
            return ServiceResponse.Unavailable;
        }
    }

    private HttpRequestMessage NewRequest(string service, HttpMethod method, string path, GrantScope scope, object? body)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add(GrantDefaults.HeaderName, grants.Issue(Issuer, service, scope.Actor, scope.Purpose, scope.PersonRef, scope.Categories, scope.ConsentId));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: ForwardedJson);
        }

        return request;
    }

    private static IReadOnlyList<Disclosure>? DisclosuresOf(HttpResponseMessage response) =>
        DisclosureHeader.Parse(response.Headers.TryGetValues(DisclosureHeader.Name, out var values) ? string.Join(',', values) : null);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Service} service could not be reached; answered 503")]
    private static partial void LogUnreachable(ILogger logger, string service, Exception exception);

    // The path carries only pseudonyms and ids (never a personnummer, which only travels in bodies).
    [LoggerMessage(Level = LogLevel.Error, Message = "The {Service} service answered {Method} {Path} without declaring what it discloses; the answer was withheld")]
    private static partial void LogUndeclared(ILogger logger, string service, string method, string path);
}

/// <summary>A service's answer as it came (status, problem details and all), and what the service declared it discloses.</summary>
public sealed record ServiceResponse(int StatusCode, string? MediaType, string Content, IReadOnlyList<Disclosure>? Disclosures)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>What the gateway answers for a service it cannot reach.</summary>
    public static ServiceResponse Unavailable { get; } = new(
        StatusCodes.Status503ServiceUnavailable, "application/problem+json",
        JsonSerializer.Serialize(new
        {
            type = "/problems/service-unavailable", title = "Tjänsten svarar inte just nu", status = StatusCodes.Status503ServiceUnavailable,
            detail = "En bakomliggande tjänst gick inte att nå. Försök igen om en stund, men se först efter om det du skickade redan finns: tjänsten kan ha hunnit ta emot det.",
        }),
        null);

    /// <summary>The answer as <typeparamref name="T"/>, or null when it is not one.</summary>
    public T? ReadAs<T>()
        where T : class
    {
        try
        {
            return Content.Length == 0 ? null : JsonSerializer.Deserialize<T>(Content, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public IResult ToResult() => Content.Length == 0
        ? Results.StatusCode(StatusCode)
        : Results.Content(Content, MediaType ?? "application/json", statusCode: StatusCode);
}
