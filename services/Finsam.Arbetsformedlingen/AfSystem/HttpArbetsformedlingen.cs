using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Finsam.ServiceDefaults.Agencies;

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
        var dto = await AgencyAnswers.ReadAsync<JobSeekerDto>(response.Content, "AF", cancellationToken);

        // Without "registered" an answer would read as "not registered": a wrong fact, worse than no answer.
        return dto is { Registered: { } registered }
            ? new AfJobSeeker(registered, dto.RegisteredSince, dto.Programme, dto.Sius, dto.Aktivitetsstod, dto.Lonebidrag, dto.Officer)
            : throw new InvalidDataException("AF answered 200 without a job seeker's registration.");
    }

    private sealed record JobSeekerDto(
        bool? Registered, DateOnly? RegisteredSince, string? Programme, bool Sius, bool Aktivitetsstod, WageSubsidy? Lonebidrag, Officer? Officer);
}
