using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Finsam.Contracts.Sharing;
using Finsam.Testing;

namespace Finsam.Municipality.Tests;

/// <summary>
/// IPS cases brought about the way the unit does it: a referral arrives on the bus, the coordinator assigns it to the
/// demo coach, the coach moves it on. For tests of what happens on a case afterwards.
/// </summary>
internal sealed class IpsCases(ServiceTestFactory<MunicipalityService> factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string NewPersonRef() => "pr-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Clients made before a test moves a fake clock carry grants issued by the clock as it was then.</summary>
    public HttpClient As(Actor actor) => factory.ClientWithGrant("municipality", actor);

    public async Task<HttpResponseMessage> PostAsync(Actor actor, string path, object body)
    {
        using var client = As(actor);
        return await client.PostAsJsonAsync(path, body, Ct);
    }

    public async Task<JsonObject> PostOkAsync(Actor actor, string path, object body)
    {
        var response = await PostAsync(actor, path, body);
        var content = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {content}");
        return JsonNode.Parse(content)!.AsObject();
    }

    public async Task<JsonObject> GetCaseAsync(Guid caseId, Actor? by = null)
    {
        using var client = As(by ?? DemoActors.OvanakerCoach);
        return (await client.GetFromJsonAsync<JsonObject>($"/municipality/ips/cases/{caseId}", Ct))!;
    }

    /// <summary>A referral received, and unless <paramref name="status"/> is queued, assigned to the demo coach and brought to that status.</summary>
    public async Task<Guid> CaseAsync(string personRef, string status = "active")
    {
        await factory.Harness.Bus.Publish(DemoMessages.Referral() with { PersonRef = personRef }, Ct);
        Guid? caseId = null;
        await Eventually.HoldsAsync(async () =>
        {
            using var client = As(DemoActors.OvanakerCoordinator);
            var queue = (await client.GetFromJsonAsync<JsonArray>("/municipality/ips/queue", Ct))!;
            caseId = queue.FirstOrDefault(e => e!["personRef"]!.GetValue<string>() == personRef)?["caseId"]!.GetValue<Guid>();
            return caseId is not null;
        });
        if (status == "queued")
        {
            return caseId!.Value;
        }

        await PostOkAsync(DemoActors.OvanakerCoordinator, $"/municipality/ips/cases/{caseId}/assign", new { coachUserId = DemoActors.OvanakerCoach.UserId });
        foreach (var step in status switch { "active" => ["active"], "closed" => new[] { "active", "closed" }, _ => [] })
        {
            await PostOkAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{caseId}/status", step == "closed" ? FinsamClient.Closing() : new { status = step });
        }

        return caseId!.Value;
    }

    public static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var content = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {content}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            Assert.True(JsonNode.Parse(content)!["errors"]?[field] is not null, $"Expected an error for {field}: {content}");
        }
    }
}
