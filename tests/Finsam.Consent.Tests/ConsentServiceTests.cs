using System.Text.Json.Nodes;
using System.Net;
using System.Net.Http.Json;
using Finsam.Contracts.Api.Consents;
using Finsam.Contracts.Consents;
using Finsam.Testing;
using MassTransit.Testing;

namespace Finsam.Consent.Tests;

/// <summary>The consent service alone, on its own host, with MassTransit's test harness.</summary>
public sealed class ConsentServiceTests : IAsyncLifetime
{
    private const string Person = "pr-0123456789abcdef0123456789abcdef";
    private readonly ServiceTestFactory<ConsentService> _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static readonly string NextYear = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static object ValidConsent(string? validUntil = null) => new
    {
        personRef = Person,
        kind = "sharing",
        purpose = "ips-support",
        method = "verbal",
        documentRef = "Journalanteckning 2026-11-30",
        validUntil = validUntil ?? NextYear,
        provisions = new[] { new { toParty = "municipality", toUnitId = "ovanaker-ips", categories = new[] { "referral", "contact" } } },
    };

    [Fact]
    public async Task Recording_a_consent_publishes_ConsentGranted_with_the_recorder()
    {
        using var client = _factory.ClientWithGrant("consent", DemoActors.Clinician, personRef: Person);

        var response = await client.PostAsJsonAsync("/consent/consents", ValidConsent(), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await Eventually.HoldsAsync(() => _factory.Harness.Published.Select<ConsentGranted>().Any(m => m.Context.Message.RecordedBy.UserId == "anna.lind"));
    }

    [Fact]
    public async Task Staff_say_where_the_consent_is_documented_and_it_is_kept_with_it()
    {
        using var client = _factory.ClientWithGrant("consent", DemoActors.Clinician, personRef: Person);

        var created = await (await client.PostAsJsonAsync("/consent/consents", ValidConsent(), TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<JsonNode>(TestContext.Current.CancellationToken);

        Assert.Equal("Journalanteckning 2026-11-30", created!["documentRef"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_invalid_consent_is_neither_stored_nor_published()
    {
        using var client = _factory.ClientWithGrant("consent", DemoActors.Clinician, personRef: Person);

        var response = await client.PostAsJsonAsync("/consent/consents", ValidConsent(validUntil: "2001-01-01"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await client.GetFromJsonAsync<List<object>>($"/consent/persons/{Person}/consents", TestContext.Current.CancellationToken) ?? []);
        Assert.False(await _factory.Harness.Published.Any<ConsentGranted>(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_revoked_consent_cannot_be_revoked_again()
    {
        using var client = _factory.ClientWithGrant("consent", DemoActors.Clinician, personRef: Person);
        var created = await (await client.PostAsJsonAsync("/consent/consents", ValidConsent(), TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<ConsentIdOnly>(TestContext.Current.CancellationToken);

        var first = await client.PostAsJsonAsync($"/consent/consents/{created!.ConsentId}/revoke", new { reason = "Personen ångrade sig" }, TestContext.Current.CancellationToken);
        var second = await client.PostAsJsonAsync($"/consent/consents/{created.ConsentId}/revoke", new { reason = "Igen" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Single(_factory.Harness.Published.Select<ConsentRevoked>(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_decision_is_only_given_to_trusted_callers()
    {
        using var client = _factory.ClientWithGrant("consent", DemoActors.Clinician, issuer: "audit");

        var response = await client.PostAsJsonAsync("/consent/decisions",
            new ConsentDecisionRequest(Person, "municipality", "ovanaker-ips", ["referral"], "ips-support"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_service_may_ask_for_decisions_but_not_record_consents()
    {
        using var client = _factory.ClientWithGrant("consent", DemoActors.Clinician, personRef: Person, issuer: "healthcare");

        var response = await client.PostAsJsonAsync("/consent/consents", ValidConsent(), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private sealed record ConsentIdOnly(Guid ConsentId);
}
