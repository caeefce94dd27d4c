using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Finsam.Contracts.Consents;
using Finsam.Testing;
using MassTransit.Testing;

namespace Finsam.Consent.Tests;

/// <summary>Research consents, and consents superseded by a new version instead of edited.</summary>
public sealed class ConsentVersionsTests : IAsyncLifetime
{
    private const string Person = "pr-0123456789abcdef0123456789abcdef";
    private const string OtherPerson = "pr-fedcba9876543210fedcba9876543210";
    private static readonly string NextYear = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    private readonly ServiceTestFactory<ConsentService> _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static object Sharing(string personRef = Person, Guid? replaces = null, params string[] categories) => new
    {
        personRef,
        kind = "sharing",
        purpose = "ips-support",
        method = "written",
        documentRef = "Blankett i akten",
        validUntil = NextYear,
        provisions = new[] { new { toParty = "municipality", toUnitId = "ovanaker-ips", categories = categories.Length == 0 ? ["referral", "contact"] : categories } },
        replaces,
    };

    private static object Research(object? study, object[]? provisions = null) => new
    {
        personRef = Person, kind = "research", purpose = "research", method = "written", documentRef = "Blankett hos forskningshuvudmannen", validUntil = NextYear, study, provisions = provisions ?? [],
    };

    private static async Task<JsonNode> CreatedAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/consent/consents", body, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>(Ct))!;
    }

    [Fact]
    public async Task A_research_consent_names_its_study_and_principal_and_no_provisions()
    {
        using var client = _factory.ClientWithGrant("consent", DemoActors.Clinician, personRef: Person);

        var consent = await CreatedAsync(client, Research(new { name = "Arbete och psykisk hälsa 2027", principal = "Uppsala universitet" }));

        Assert.Equal("research", consent["kind"]!.GetValue<string>());
        Assert.Equal("Uppsala universitet", consent["study"]!["principal"]!.GetValue<string>());
        Assert.Empty(consent["provisions"]!.AsArray());
    }

    [Theory]
    [InlineData("study.principal", false, true)]
    [InlineData("provisions", true, false)]
    public async Task A_research_consent_without_its_principal_or_with_provisions_is_refused(string field, bool withPrincipal, bool withoutProvisions)
    {
        using var client = _factory.ClientWithGrant("consent", DemoActors.Clinician, personRef: Person);
        var study = withPrincipal ? new { name = "Studien", principal = "Uppsala universitet" } : new { name = "Studien", principal = (string?)null }!;
        object[]? provisions = withoutProvisions ? null : [new { toParty = "municipality", categories = new[] { "contact" } }];

        var response = await client.PostAsJsonAsync("/consent/consents", Research(study, provisions), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonNode>(Ct))!["errors"]![field]);
    }

    [Fact]
    public async Task A_new_version_supersedes_the_old_which_keeps_what_it_said_and_stops_permitting()
    {
        using var client = _factory.ClientWithGrant("consent", DemoActors.Clinician, personRef: Person);
        var old = await CreatedAsync(client, Sharing());

        var next = await CreatedAsync(client, Sharing(replaces: old["consentId"]!.GetValue<Guid>(), categories: ["referral", "contact", "ips.plan"]));

        var consents = (await client.GetFromJsonAsync<JsonArray>($"/consent/persons/{Person}/consents", Ct))!;
        var stored = consents.Single(c => c!["consentId"]!.GetValue<Guid>() == old["consentId"]!.GetValue<Guid>())!;
        Assert.Equal("superseded", stored["status"]!.GetValue<string>());
        Assert.Equal(next["consentId"]!.GetValue<Guid>(), stored["supersededBy"]!.GetValue<Guid>());
        Assert.Equal(["referral", "contact"], stored["provisions"]![0]!["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(old["consentId"]!.GetValue<Guid>(), next["replaces"]!.GetValue<Guid>());
        await Eventually.HoldsAsync(() => _factory.Harness.Published.Select<ConsentRevoked>().Any(m => m.Context.Message.ConsentId == old["consentId"]!.GetValue<Guid>()));
    }

    [Fact]
    public async Task A_superseded_consent_cannot_be_superseded_again()
    {
        using var client = _factory.ClientWithGrant("consent", DemoActors.Clinician, personRef: Person);
        var old = IdOf(await CreatedAsync(client, Sharing()));
        await CreatedAsync(client, Sharing(replaces: old));

        var again = await client.PostAsJsonAsync("/consent/consents", Sharing(replaces: old), Ct);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_consent_of_another_person_cannot_be_replaced()
    {
        using var other = _factory.ClientWithGrant("consent", DemoActors.Clinician, personRef: OtherPerson);
        var theirs = IdOf(await CreatedAsync(other, Sharing(personRef: OtherPerson)));
        using var client = _factory.ClientWithGrant("consent", DemoActors.Clinician, personRef: Person);

        var response = await client.PostAsJsonAsync("/consent/consents", Sharing(replaces: theirs), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty((await client.GetFromJsonAsync<JsonArray>($"/consent/persons/{Person}/consents", Ct))!);
    }

    private static Guid IdOf(JsonNode consent) => consent["consentId"]!.GetValue<Guid>();
}
