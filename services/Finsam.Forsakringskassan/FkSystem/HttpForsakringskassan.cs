using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Finsam.ServiceDefaults.Agencies;

namespace Finsam.Forsakringskassan.FkSystem;

/// <summary>
/// FK's real system, over the contract in <c>Contract/fk-benefits.openapi.yaml</c>. Retries, timeouts and
/// the circuit breaker come from the service defaults' resilience handler; 404 means "no benefit".
/// </summary>
public sealed class HttpForsakringskassan(HttpClient http, IConfiguration configuration) : IForsakringskassanSystem
{
    private static readonly Dictionary<string, string> BenefitNames = new(StringComparer.Ordinal)
    {
        ["sjukpenning"] = "sjukpenning",
        ["aktivitetsersattning"] = "aktivitetsersättning",
        ["sjukersattning"] = "sjukersättning",
    };

    public async Task<FkBenefit?> FindAsync(string personRef, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"persons/{personRef}/benefit");
        if (configuration["Finsam:Forsakringskassan:Http:BearerToken"] is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var dto = await AgencyAnswers.ReadAsync<BenefitDto>(response.Content, "FK", cancellationToken);

        // A missing field would read as "0 %" or "from year 1": a wrong fact about the person, worse than no answer.
        return dto is { Benefit: { } benefit, ExtentPercent: 25 or 50 or 75 or 100, From: { } from, OfficerName: { } officer }
            ? new FkBenefit(BenefitNames.GetValueOrDefault(benefit, benefit), dto.ExtentPercent.Value, from, dto.To, dto.RehabilitationPlanDate, officer)
            : throw new InvalidDataException("FK answered 200 without a benefit as the contract describes one.");
    }

    private sealed record BenefitDto(string? Benefit, int? ExtentPercent, DateOnly? From, DateOnly? To, DateOnly? RehabilitationPlanDate, string? OfficerName);
}
