using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Finsam.Forsakringskassan.FkSystem;
using Finsam.ServiceDefaults.Grants;
using Finsam.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Polly.Timeout;

namespace Finsam.Forsakringskassan.Tests;

/// <summary>
/// The FK adapter on FK's real API (the contract in Contract/fk-benefits.openapi.yaml), against a local fake
/// of that API on a real port: a benefit, no benefit, a system that is briefly down, and bad answers.
/// </summary>
public sealed class HttpForsakringskassanTests : IAsyncLifetime
{
    private const string Paid = "pr-0000000000000000000000000000000a";
    private const string Unknown = "pr-0000000000000000000000000000000b";
    private const string Flaky = "pr-0000000000000000000000000000000c";
    private const string Hanging = "pr-0000000000000000000000000000000d";
    private const string Malformed = "pr-0000000000000000000000000000000e";
    private int _hangingCalls;
    private string _malformedBody = "";
    private WebApplication _fakeFk = null!;
    private int _flakyCalls;
    private int _calls;
    private ServiceTestFactory<ForsakringskassanService> _adapter = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _fakeFk = builder.Build();
        _fakeFk.MapGet("/persons/{personRef}/benefit", async (string personRef, HttpRequest request) =>
        {
            Interlocked.Increment(ref _calls);
            if (request.Headers.Authorization != "Bearer fk-test-token")
            {
                return Results.Unauthorized();
            }

            if (personRef == Hanging)
            {
                Interlocked.Increment(ref _hangingCalls);
                await Task.Delay(Timeout.Infinite, request.HttpContext.RequestAborted);
            }

            if (personRef == Malformed)
            {
                return Results.Content(_malformedBody, "application/json");
            }

            if (personRef == Flaky && Interlocked.Increment(ref _flakyCalls) == 1)
            {
                return Results.StatusCode(503); // FK's system has a moment; the adapter retries
            }

            return personRef is Paid or Flaky
                ? Results.Json(new { benefit = "aktivitetsersattning", extentPercent = 75, from = "2026-09-01", to = "2027-08-31", rehabilitationPlanDate = (string?)null, officerName = "Jonas Berglund" })
                : Results.NotFound();
        });
        await _fakeFk.StartAsync();

        _adapter = new ServiceTestFactory<ForsakringskassanService>();
        _adapter.Settings["Finsam:Forsakringskassan:System"] = "http";
        _adapter.Settings["Finsam:Forsakringskassan:Http:BaseUrl"] = _fakeFk.Urls.First() + "/";
        _adapter.Settings["Finsam:Forsakringskassan:Http:BearerToken"] = "fk-test-token";
    }

    public async ValueTask DisposeAsync()
    {
        await _adapter.DisposeAsync();
        await _fakeFk.DisposeAsync();
    }

    private async Task<FkBenefit?> FindAsync(string personRef)
    {
        using var scope = _adapter.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IForsakringskassanSystem>().FindAsync(personRef, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Reads_the_current_benefit_from_FKs_api()
    {
        var benefit = await FindAsync(Paid);

        Assert.Equal(new FkBenefit("aktivitetsersättning", 75, new DateOnly(2026, 9, 1), new DateOnly(2027, 8, 31), null, "Jonas Berglund"), benefit);
    }

    [Fact]
    public async Task No_benefit_at_FK_is_no_benefit_here()
    {
        Assert.Null(await FindAsync(Unknown));
    }

    [Fact]
    public async Task A_moment_of_unavailability_at_FK_is_retried()
    {
        Assert.NotNull(await FindAsync(Flaky));
        Assert.Equal(2, _flakyCalls);
    }

    [Fact]
    public async Task The_shared_view_section_comes_from_FKs_api_when_the_grant_names_it()
    {
        using var client = _adapter.ClientWithGrant("forsakringskassan", DemoActors.OvanakerCoach, purpose: "coordination", personRef: Paid, categories: ["fk.benefits"]);

        var sections = await client.GetFromJsonAsync<JsonArray>($"/forsakringskassan/persons/{Paid}/sections", TestContext.Current.CancellationToken);

        Assert.Equal("aktivitetsersättning", sections![0]!["data"]!["benefit"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_fk_benefits_in_the_grant_FK_is_not_even_asked()
    {
        using var client = _adapter.ClientWithGrant("forsakringskassan", DemoActors.OvanakerCoach, purpose: "coordination", personRef: Flaky, categories: ["ips.plan"]);

        var sections = await client.GetFromJsonAsync<JsonArray>($"/forsakringskassan/persons/{Flaky}/sections", TestContext.Current.CancellationToken);

        Assert.Empty(sections!);
        Assert.Equal(0, _flakyCalls);
    }

    [Fact]
    public async Task A_grant_for_another_person_is_refused()
    {
        using var client = _adapter.ClientWithGrant("forsakringskassan", DemoActors.OvanakerCoach, purpose: "coordination", personRef: Unknown, categories: ["fk.benefits"]);

        var response = await client.GetAsync($"/forsakringskassan/persons/{Paid}/sections", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"benefit":"sjukpenning","from":"2026-09-01","officerName":"Eva Karlsson"}""")]
    [InlineData("""{"benefit":"sjukpenning","extentPercent":30,"from":"2026-09-01","officerName":"Eva Karlsson"}""")]
    [InlineData("""{"benefit":"sjukpenning","extentPercent":50,"from":"i höstas","officerName":"Eva Karlsson"}""")]
    [InlineData("null")]
    [InlineData("<html>Underhåll pågår</html>")]
    public async Task An_answer_that_does_not_keep_the_contract_is_an_error_not_a_benefit(string body)
    {
        _malformedBody = body;

        await Assert.ThrowsAsync<InvalidDataException>(() => FindAsync(Malformed));
    }

    [Fact]
    public async Task A_hanging_FK_is_given_up_on_after_each_attempt_times_out()
    {
        _adapter.TestServices = ShortHttpAttempts.Apply;

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => FindAsync(Hanging));
        Assert.Equal(4, _hangingCalls); // the first attempt and the standard three retries
    }

    /// <summary>A grant the gateway signed for AF's section, sent to FK's instead: valid, but not for this service.</summary>
    [Fact]
    public async Task A_grant_addressed_to_AF_is_refused_by_FK_and_FK_is_not_asked()
    {
        using var client = _adapter.ClientWithGrant("arbetsformedlingen", DemoActors.OvanakerCoach, purpose: "coordination", personRef: Paid, categories: ["fk.benefits"]);

        var response = await client.GetAsync($"/forsakringskassan/persons/{Paid}/sections", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, _calls);
    }

    [Fact]
    public async Task An_expired_grant_is_refused_and_FK_is_not_asked()
    {
        var expired = new GrantIssuer(_adapter.Services.GetRequiredService<GrantKeyRing>(), new ShiftedClock(TimeSpan.FromMinutes(-10)))
            .Issue("gateway", "forsakringskassan", DemoActors.OvanakerCoach, "coordination", Paid, ["fk.benefits"]);
        using var client = _adapter.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/forsakringskassan/persons/{Paid}/sections");
        request.Headers.Add(GrantDefaults.HeaderName, expired);

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _calls);
    }

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + shift;
    }
}
