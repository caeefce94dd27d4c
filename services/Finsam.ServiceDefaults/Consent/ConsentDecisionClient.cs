using System.Net.Http.Json;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Grants;
using Microsoft.Extensions.Logging;

namespace Finsam.ServiceDefaults.Consent;

/// <summary>
/// How a service asks the consent service for a decision before it shares. Fails closed: when no decision
/// can be had, the answer is a denial with reason <see cref="ConsentDecision.Unavailable"/>.
/// </summary>
public sealed partial class ConsentDecisionClient<TService>(HttpClient http, GrantIssuer grants, ILogger<ConsentDecisionClient<TService>> logger)
    where TService : IFinsamService
{
    public const string ConsentServiceName = "consent";

    public async Task<ConsentDecision> DecideAsync(ConsentDecisionRequest request, Actor actingFor, CancellationToken cancellationToken)
    {
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "consent/decisions") { Content = JsonContent.Create(request) };
            message.Headers.Add(GrantDefaults.HeaderName, grants.Issue(TService.Name, ConsentServiceName, actingFor, request.Purpose, request.PersonRef, request.Categories));
            using var response = await http.SendAsync(message, cancellationToken);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<ConsentDecision>(cancellationToken)
                ?? ConsentDecision.Deny(ConsentDecision.Unavailable);
        }
        // Whatever went wrong (refused connection, timeout, open circuit, bad answer), no decision means deny.
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogDecisionUnavailable(logger, TService.Name, exception);
            return ConsentDecision.Deny(ConsentDecision.Unavailable);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No consent decision could be had for {Service}; denying")]
    private static partial void LogDecisionUnavailable(ILogger logger, string service, Exception exception);
}

/// <summary>Issuers whose grants the consent service accepts: the gateway and the services that share.</summary>
public static class ConsentCallers
{
    public static readonly string[] TrustedIssuers = ["gateway", "healthcare", "municipality", "arbetsformedlingen", "forsakringskassan", "coordination"];
}
