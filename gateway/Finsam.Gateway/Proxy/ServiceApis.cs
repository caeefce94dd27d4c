using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Grants;

namespace Finsam.Gateway.Proxy;

/// <summary>What the gateway vouches for when it calls a service: the grant's content.</summary>
public sealed record GrantScope(Actor Actor, string Purpose, string? PersonRef = null, IReadOnlyList<string>? Categories = null, Guid? ConsentId = null);

/// <summary>
/// Calls the services on behalf of the signed-in person. Every call carries a grant signed by the gateway
/// and addressed to that one service, valid for a minute.
/// </summary>
public sealed class ServiceApis(IHttpClientFactory clients, GrantIssuer grants)
{
    public const string Issuer = "gateway";

    public static readonly string[] Services = ["consent", "healthcare", "municipality", "audit", "arbetsformedlingen", "forsakringskassan", "coordination"];

    /// <summary>The client for a shared view's section reads from <paramref name="service"/>: no retries (see GatewayService).</summary>
    public static string SectionClientOf(string service) => service + "-sections";

    public Task<ServiceResponse> SendAsync(string service, HttpMethod method, string path, GrantScope scope, object? body, CancellationToken cancellationToken) =>
        SendAsync(service, service, method, path, scope, body, cancellationToken);

    /// <summary>Reads a shared view's sections from a party's service, through the client that does not retry.</summary>
    public Task<ServiceResponse> GetSectionsAsync(string service, string path, GrantScope scope, CancellationToken cancellationToken) =>
        SendAsync(service, SectionClientOf(service), HttpMethod.Get, path, scope, null, cancellationToken);

    private async Task<ServiceResponse> SendAsync(
        string service, string client, HttpMethod method, string path, GrantScope scope, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add(GrantDefaults.HeaderName, grants.Issue(Issuer, service, scope.Actor, scope.Purpose, scope.PersonRef, scope.Categories, scope.ConsentId));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await clients.CreateClient(client).SendAsync(request, cancellationToken);
        var content = await response.Content.ReadAsStringAsync(cancellationToken);
        return new ServiceResponse(
            (int)response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            content,
            content.Length > 0 && response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true ? JsonNode.Parse(content) : null);
    }

    /// <summary>
    /// Passes a service's answer through as it arrives, for answers too large to hold (exports).
    /// <paramref name="beforeData"/> runs once the service has accepted the request and before any of the
    /// answer is passed on.
    /// </summary>
    public async Task StreamGetAsync(HttpContext context, string service, string path, GrantScope scope, Func<Task> beforeData)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(GrantDefaults.HeaderName, grants.Issue(Issuer, service, scope.Actor, scope.Purpose, scope.PersonRef, scope.Categories, scope.ConsentId));
        using var response = await clients.CreateClient(service).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        if (response.IsSuccessStatusCode)
        {
            await beforeData();
        }

        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        if (response.Content.Headers.ContentDisposition is { } disposition)
        {
            context.Response.Headers.ContentDisposition = disposition.ToString();
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public Task<ServiceResponse> GetAsync(string service, string path, GrantScope scope, CancellationToken cancellationToken) =>
        SendAsync(service, HttpMethod.Get, path, scope, null, cancellationToken);

    public Task<ServiceResponse> PostAsync(string service, string path, GrantScope scope, object? body, CancellationToken cancellationToken) =>
        SendAsync(service, HttpMethod.Post, path, scope, body ?? new JsonObject(), cancellationToken);
}

/// <summary>A service's answer, passed on to the client as it came (status, problem details and all).</summary>
public sealed record ServiceResponse(int StatusCode, string? MediaType, string Content, JsonNode? Json)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public IResult ToResult() => Content.Length == 0
        ? Results.StatusCode(StatusCode)
        : Results.Content(Content, MediaType ?? "application/json", statusCode: StatusCode);
}
