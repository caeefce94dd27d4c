using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Finsam.Arbetsformedlingen.AfSystem;

/// <summary>
/// AF's real system, over the contract in <c>Contract/af-jobseeker.openapi.yaml</c>. Retries, timeouts and
/// the circuit breaker come from the service defaults' resilience handler; 404 means "no record at AF".
/// </summary>
public sealed class HttpArbetsformedlingen(HttpClient http, IConfiguration configuration) : IArbetsformedlingenSystem
{
    public async Task<AfJobSeeker?> FindAsync(string personRef, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"jobseekers/{personRef}");
        if (configuration["Finsam:Arbetsformedlingen:Http:BearerToken"] is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<AfJobSeeker>(cancellationToken)
            ?? throw new InvalidDataException("AF answered 200 without a job seeker.");
    }
}
