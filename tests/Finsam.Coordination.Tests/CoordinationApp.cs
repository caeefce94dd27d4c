using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Finsam.Contracts.Api.Meetings;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Data;
using Finsam.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.Coordination.Tests;

/// <summary>
/// The coordination service alone, as its Program.cs builds it, with a consent service whose answers each test
/// sets (it permits unless told otherwise), shared by the tests of one class: they run one after another and
/// each works on a person of its own.
/// </summary>
public sealed class CoordinationApp : IAsyncLifetime
{
    public static readonly Actor Coach = DemoActors.OvanakerCoach;
    public static readonly Actor OvanakerCoordinator = DemoActors.OvanakerCoordinator;
    public static readonly Actor BollnasCoordinator = DemoActors.BollnasCoordinator;
    public static readonly Actor AfOfficer = new("per.andersson", "af-officer", Parties.Arbetsformedlingen, "af-bollnas");
    public static readonly Actor FkOfficer = new("eva.karlsson", "fk-officer", Parties.Forsakringskassan, "fk-gavle");

    public ServiceTestFactory<CoordinationService> Factory { get; } = new();

    public ConsentServiceStub Consent { get; private set; } = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Consent = await ConsentServiceStub.StartAsync();
        Factory.Settings["Finsam:Services:consent"] = Consent.BaseAddress;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Consent.DisposeAsync();
    }

    public static string NewPersonRef() => "pr-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A client with the grant the gateway gives <paramref name="actor"/> for meetings.</summary>
    public HttpClient As(Actor actor, string? personRef = null) =>
        Factory.ClientWithGrant(CoordinationService.Name, actor, Purposes.Coordination, personRef, [DataCategories.Meeting]);

    public static object Participant(Actor actor, bool byName = false) =>
        new { party = actor.Party, unitId = actor.UnitId, userId = byName ? actor.UserId : null };

    /// <summary>A valid meeting about the person next week, booked by one of <paramref name="participants"/>.</summary>
    public static JsonObject Meeting(string personRef, params object[] participants) => new()
    {
        ["personRef"] = personRef,
        ["scheduledAt"] = DateTimeOffset.UtcNow.AddDays(7),
        ["mode"] = "digital",
        ["agenda"] = "Plan för arbete och försörjning",
        ["participants"] = JsonSerializer.SerializeToNode(participants),
    };

    public async Task<HttpResponseMessage> PostAsync(Actor actor, string path, JsonNode? body)
    {
        using var client = As(actor);
        return await client.PostAsJsonAsync(path, body, Ct);
    }

    /// <summary>Schedules a meeting that the consent covers; returns its id.</summary>
    public async Task<Guid> ScheduleAsync(string personRef, Actor by, params object[] participants)
    {
        var response = await PostAsync(by, "/coordination/meetings", Meeting(personRef, participants));
        var content = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {content}");
        return JsonNode.Parse(content)!["meetingId"]!.GetValue<Guid>();
    }

    /// <summary>Everything the service has committed to publish about the person, oldest first.</summary>
    public async Task<List<(string Type, JsonNode Body)>> OutboxAsync(string personRef)
    {
        await using var session = await Factory.Services.GetRequiredService<ServiceDatabase<CoordinationService>>().ConnectAsync(Ct);
        return [.. (await session.QueryAsync<(string, string)>("SELECT message_type, body FROM outbox_messages ORDER BY sequence"))
            .Select(row => (row.Item1, JsonNode.Parse(row.Item2)!))
            .Where(m => m.Item2["personRef"]?.GetValue<string>() == personRef)];
    }

    /// <summary>The person's meetings that <paramref name="actor"/>'s unit takes part in.</summary>
    public async Task<JsonArray> MeetingsAsync(Actor actor, string personRef)
    {
        using var client = As(actor, personRef);
        return (await client.GetFromJsonAsync<JsonArray>($"/coordination/meetings?personRef={personRef}", Ct))!;
    }

    /// <summary>A 400 in problem-details form that names <paramref name="field"/>.</summary>
    public static async Task AssertInvalidAsync(HttpResponseMessage response, string field)
    {
        var content = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}: {content}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonNode.Parse(content)!["errors"]?[field] is JsonArray { Count: > 0 }, $"No error for {field} in {content}");
    }

    /// <summary>A problem-details answer of <paramref name="status"/> and Finsam problem <paramref name="type"/>; returns its detail.</summary>
    public static async Task<string> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var content = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {content}");
        var problem = JsonNode.Parse(content)!;
        Assert.Equal(type, problem["type"]!.GetValue<string>());
        return problem["detail"]?.GetValue<string>() ?? "";
    }
}
