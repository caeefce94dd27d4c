using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Finsam.Agencies.Systems;

/// <summary>
/// An agency's real system over its documented contract (each adapter's <c>Contract/*.openapi.yaml</c>): one GET
/// per person, with the bearer token of <c>{section}:Http:BearerToken</c> when one is set. Retries, timeouts and the
/// circuit breaker come from the service defaults' resilience handler; 404 means "no record at the agency".
/// </summary>
/// <typeparam name="TContract">The answer's body as the contract describes it, every member optional: a missing one is the agency's error.</typeparam>
public abstract class HttpAgencySystem<TService, TRecord, TContract>(HttpClient http, IConfiguration configuration) : IAgencySystem<TRecord>
    where TService : IAgencyService
    where TRecord : class
{
    /// <summary>The person's resource, relative to <c>Http:BaseUrl</c>.</summary>
    protected abstract string PathOf(string personRef);

    /// <summary>
    /// The record a 200 answer holds. Throws <see cref="InvalidDataException"/> when the answer lacks what the
    /// contract requires: a missing field would read as a wrong fact about the person, worse than no answer.
    /// </summary>
    protected abstract TRecord FromContract(TContract? answer);

    public async Task<TRecord?> FindAsync(string personRef, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, PathOf(personRef));
        if (configuration[$"{TService.ConfigurationSection}:Http:BearerToken"] is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return FromContract(await ReadContractAsync(response.Content, cancellationToken));
    }

    /// <summary>A body that is not JSON of the contract's shape is an error the caller reports, never a fact about the person.</summary>
    private static async Task<TContract?> ReadContractAsync(HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            return await content.ReadFromJsonAsync<TContract>(cancellationToken);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{TService.DisplayName}'s answer does not keep the contract.", e);
        }
    }
}
