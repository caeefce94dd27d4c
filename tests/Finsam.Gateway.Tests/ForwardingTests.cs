using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Disclosures;
using Finsam.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.Gateway.Tests;

/// <summary>
/// How the gateway passes requests and answers between people and a service. It records views from what the service
/// declares its answer discloses, never from the answer's shape, and passes on nothing that came without a
/// declaration; it passes on only the fields its contract names. A stand-in coordination service on loopback
/// answers in shapes the real one never would, and keeps what it was sent.
/// </summary>
public sealed class ForwardingTests : IAsyncLifetime
{
    private const string PersonRef = "pr-0123456789abcdef0123456789abcdef";
    private static readonly Guid DeclaredMeeting = Guid.Parse("0190f0c0-0000-7000-8000-000000000001");
    private static readonly Guid UndeclaredMeeting = Guid.Parse("0190f0c0-0000-7000-8000-000000000002");
    private static readonly Guid ConsentId = Guid.Parse("0190f0c0-0000-7000-8000-0000000000c0");

    private readonly ServiceTestFactory<GatewayService> _gateway = new();
    private readonly ConcurrentQueue<JsonObject> _received = new();
    private WebApplication? _coordination;

    public async ValueTask InitializeAsync()
    {
        _coordination = await StartStandInCoordinationAsync();
        _gateway.Settings["Finsam:DevIdentity:Enabled"] = "true";
        _gateway.Settings["Finsam:PersonRef:Key"] = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        _gateway.Settings["Finsam:Services:coordination"] = _coordination.Urls.Single() + "/";
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        if (_coordination is not null)
        {
            await _coordination.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_service_that_cannot_be_reached_is_a_503_problem_and_nothing_is_recorded()
    {
        using var client = await SignedInAsync("anna.lind");
        await _coordination!.DisposeAsync(); // down: its port refuses connections
        _coordination = null;

        var response = await client.GetAsync($"/api/meetings/{DeclaredMeeting}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken);
        Assert.Equal("/problems/service-unavailable", problem!["type"]!.GetValue<string>());
        Assert.Empty(await RecordedViewsAsync());
    }

    [Fact]
    public async Task A_declared_view_is_recorded_whatever_the_answer_calls_its_fields()
    {
        using var client = await SignedInAsync("anna.lind");

        var response = await client.GetAsync($"/api/meetings/{DeclaredMeeting}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = Assert.Single(await RecordedViewsAsync());
        Assert.Equal((PersonRef, "meeting", ConsentId.ToString(), "anna.lind"),
            (view["personRef"]!.GetValue<string>(), view["categories"]![0]!.GetValue<string>(), view["consentId"]!.GetValue<string>(),
             view["actor"]!["userId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_declaration_is_not_passed_on_to_the_client()
    {
        using var client = await SignedInAsync("anna.lind");

        var response = await client.GetAsync($"/api/meetings/{DeclaredMeeting}", TestContext.Current.CancellationToken);

        Assert.False(response.Headers.Contains(DisclosureHeader.Name));
    }

    [Fact]
    public async Task An_answer_without_a_declaration_is_withheld_as_a_bad_gateway_and_nothing_is_recorded()
    {
        using var client = await SignedInAsync("anna.lind");

        var response = await client.GetAsync($"/api/meetings/{UndeclaredMeeting}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Hemligt", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Empty(await RecordedViewsAsync());
    }

    [Fact]
    public async Task Fields_the_contract_does_not_name_are_not_passed_on()
    {
        using var client = await SignedInAsync("anna.lind");

        var response = await client.PostAsync($"/api/meetings/{DeclaredMeeting}/minutes",
            new StringContent("""{"notes":"Planen följs.","decisions":[],"actions":[],"isAdmin":true,"personnummer":"19811218-9876"}""", Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(_received);
        Assert.Equal("Planen följs.", sent["notes"]!.GetValue<string>());
        Assert.False(sent.ContainsKey("isAdmin"));
        Assert.False(sent.ContainsKey("personnummer"));
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_a_validation_problem_naming_its_field_and_nothing_is_passed_on()
    {
        using var client = await SignedInAsync("anna.lind");

        var response = await client.PostAsync($"/api/meetings/{DeclaredMeeting}/minutes",
            new StringContent("""{"notes":{"nested":true},"decisions":[]}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["errors"]!["notes"]);
        Assert.Empty(_received);
    }

    /// <summary>
    /// Answers one meeting with a declaration and renamed fields, and another with data but no declaration; keeps the
    /// minutes it is sent.
    /// </summary>
    private async Task<WebApplication> StartStandInCoordinationAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.UseDisclosureDeclarations();
        app.MapGet("/coordination/meetings/{meetingId:guid}", (Guid meetingId, HttpContext context) =>
        {
            if (meetingId == DeclaredMeeting)
            {
                context.Disclose(new Disclosure(PersonRef, null, ["meeting"], "coordination", ConsentId));
            }

            // No "personRef" or "consentId" property: nothing in the shape says whom this is about.
            return Results.Json(new { subject = PersonRef, anteckningar = "Hemligt om personen", samtycke = ConsentId });
        });
        app.MapPost("/coordination/meetings/{meetingId:guid}/minutes", (Guid meetingId, JsonObject minutes, HttpContext context) =>
        {
            _received.Enqueue(minutes);
            context.DiscloseNothing();
            return Results.Json(new { meetingId });
        });
        await app.StartAsync();
        return app;
    }

    private async Task<HttpClient> SignedInAsync(string userId)
    {
        var client = _gateway.CreateClient();
        var token = await (await client.PostAsJsonAsync("/dev/token", new { userId }, TestContext.Current.CancellationToken)).Content
            .ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!["accessToken"]!.GetValue<string>());
        return client;
    }

    private async Task<List<JsonNode>> RecordedViewsAsync()
    {
        await using var session = await _gateway.Services.GetRequiredService<ServiceDatabase<GatewayService>>().ConnectAsync(TestContext.Current.CancellationToken);
        var bodies = await session.QueryAsync<string>("SELECT body FROM outbox_messages ORDER BY created_at");
        return [.. bodies.Select(b => JsonNode.Parse(b)!).Where(b => b["action"]?.GetValue<string>() == "view")];
    }
}
