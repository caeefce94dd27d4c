using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Finsam.Web.SignIn;

namespace Finsam.Web.Gateway;

/// <summary>Where the gateway answers. The embedded default answers on its own address; a web container is told.</summary>
public interface IGatewayAddress
{
    Uri BaseAddress { get; }
}

public sealed class ConfiguredGatewayAddress(IConfiguration configuration) : IGatewayAddress
{
    public Uri BaseAddress { get; } = new(configuration["Finsam:Web:Gateway"] ?? "http://localhost:5000/");
}

/// <summary>The gateway's answer: a value, or a problem already put into Swedish words for the page.</summary>
public sealed record GatewayResult<T>(T? Value, GatewayProblem? Problem)
{
    public bool IsSuccess => Problem is null;
}

/// <summary>Thrown when the gateway no longer accepts the person's token: the page filter signs them out.</summary>
public sealed class GatewaySessionExpiredException() : Exception("The gateway refused the token.");

/// <summary>
/// Calls the gateway over HTTP as the signed-in person, with their token. The web interface has no other way to
/// data: every consent check, grant and audit record happens behind the gateway, exactly as for any client.
/// </summary>
public sealed class GatewayClient(HttpClient http, IHttpContextAccessor accessor)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<GatewayResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Get, path, null, cancellationToken);

    public Task<GatewayResult<T>> PostAsync<T>(string path, object? body, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Post, path, body, cancellationToken);

    /// <summary>A download passed on as it comes (the audit export), or null with a problem.</summary>
    public async Task<(HttpResponseMessage? Response, GatewayProblem? Problem)> StreamAsync(string path, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, path, null);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return (response, null);
        }

        using (response)
        {
            return (null, await ProblemOfAsync(response, cancellationToken));
        }
    }

    private async Task<GatewayResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = Request(method, path, body);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return new(default, GatewayProblem.Unreachable);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(default, GatewayProblem.Unreachable); // the client's timeout, not the person leaving
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                return new(default, await ProblemOfAsync(response, cancellationToken));
            }

            if (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0)
            {
                return new(default, null);
            }

            return new(await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken), null);
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path.TrimStart('/'))
        {
            Content = body is null ? null : JsonContent.Create(body, options: Json),
        };
        var token = accessor.HttpContext?.User.FindFirstValue(WebClaims.AccessToken);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private static async Task<GatewayProblem> ProblemOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new GatewaySessionExpiredException();
        }

        JsonObject? problem = null;
        try
        {
            problem = await response.Content.ReadFromJsonAsync<JsonObject>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's error page, say): the status alone decides the words.
        }

        return GatewayProblem.From((int)response.StatusCode, problem);
    }
}
