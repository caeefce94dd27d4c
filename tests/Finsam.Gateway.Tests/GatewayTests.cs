using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Finsam.Testing;

namespace Finsam.Gateway.Tests;

/// <summary>The gateway alone: identity, person lookup and its own refusals.</summary>
public sealed class GatewayTests : IAsyncLifetime
{
    private readonly ServiceTestFactory<GatewayService> _factory = new();

    public ValueTask InitializeAsync()
    {
        _factory.Settings["Finsam:DevIdentity:Enabled"] = "true";
        _factory.Settings["Finsam:PersonRef:Key"] = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private async Task<HttpClient> SignedInAsync(string userId)
    {
        var client = _factory.CreateClient();
        var token = await (await client.PostAsJsonAsync("/dev/token", new { userId }, TestContext.Current.CancellationToken)).Content
            .ReadFromJsonAsync<TokenResponse>(TestContext.Current.CancellationToken);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    [Fact]
    public async Task The_same_person_gets_the_same_personRef_whichever_way_the_number_is_written()
    {
        using var client = await SignedInAsync("anna.lind");

        var refs = new List<string>();
        foreach (var written in new[] { "19811218-9876", "198112189876", "811218-9876" })
        {
            var response = await client.PostAsJsonAsync("/api/persons/lookup", new { personnummer = written }, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.DoesNotContain("9876", body, StringComparison.Ordinal);
            refs.Add((await response.Content.ReadFromJsonAsync<PersonLookupResponse>(TestContext.Current.CancellationToken))!.PersonRef);
        }

        Assert.Single(refs.Distinct());
    }

    [Fact]
    public async Task The_demo_users_name_their_role_and_unit()
    {
        using var client = _factory.CreateClient();

        var users = await client.GetFromJsonAsync<List<DevUser>>("/dev/users", TestContext.Current.CancellationToken);

        Assert.Contains(users!, u => u is { UserId: "karin.berg", Role: "coordinator", UnitId: "ovanaker-ips" } && u.UnitName!.Contains("Ovanåker", StringComparison.Ordinal));
        Assert.Equal(3, users!.Count(u => u.Role == "coordinator")); // two IPS units and a samordningsteam
    }

    [Fact]
    public async Task A_token_is_only_given_to_a_known_demo_user()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostAsJsonAsync("/dev/token", new { userId = "nobody" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private sealed record TokenResponse(string AccessToken);

    private sealed record PersonLookupResponse(string PersonRef);

    private sealed record DevUser(string UserId, string Role, string UnitId, string? UnitName);
}

/// <summary>Without <c>Finsam:DevIdentity:Enabled</c> there is no way in without a real identity provider.</summary>
public sealed class GatewayWithoutDevIdentityTests : IAsyncLifetime
{
    private readonly ServiceTestFactory<GatewayService> _factory = new();

    public ValueTask InitializeAsync()
    {
        _factory.Settings["Finsam:Authentication:Authority"] = "https://idp.example.invalid/";
        _factory.Settings["Finsam:PersonRef:Key"] = Convert.ToBase64String(new byte[32]);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_development_identity_is_off()
    {
        using var client = _factory.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dev/users", TestContext.Current.CancellationToken)).StatusCode);
    }
}

/// <summary>The demo's pseudonym key is public: with it, anyone could reverse a personRef by trying every personnummer.</summary>
public sealed class GatewayKeyTests
{
    [Fact]
    public async Task The_published_demo_key_is_refused_outside_the_demo()
    {
        await using var factory = new ServiceTestFactory<GatewayService>();
        factory.Settings["Finsam:Authentication:Authority"] = "https://idp.example.invalid/";
        factory.Settings["Finsam:PersonRef:Key"] = "rHWs5sI9B4ol4033OAu+KB0W20q6X/3SWWGkjpT7Q8g=";

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("demo key", failure.ToString(), StringComparison.Ordinal);
    }
}
