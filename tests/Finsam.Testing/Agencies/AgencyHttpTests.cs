using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Finsam.Agencies;
using Finsam.Agencies.FollowUp;
using Finsam.Agencies.Systems;
using Finsam.Contracts.Codes;
using Finsam.ServiceDefaults.Grants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Polly.Timeout;
using Xunit;

namespace Finsam.Testing.Agencies;

/// <summary>
/// An agency adapter on the agency's real API, against a local fake of that API on a real port, the same for
/// every agency: a record, no record, a system that is briefly down, one that hangs, answers that do not keep
/// the contract, and the shared-view section behind the gateway's grants. The derived class supplies the
/// agency's resource, one answer as its contract writes it, and what the adapter must make of it.
/// </summary>
/// <remarks>The derived class also declares <c>public static TheoryData&lt;string&gt; MalformedAnswers</c>: bodies the contract does not allow.</remarks>
public abstract class AgencyHttpTests<TService, TRecord> : IAsyncLifetime
    where TService : class, IAgencyService
    where TRecord : class
{
    protected const string Known = "pr-0000000000000000000000000000000a";
    protected const string Unknown = "pr-0000000000000000000000000000000b";
    protected const string Flaky = "pr-0000000000000000000000000000000c";
    protected const string Hanging = "pr-0000000000000000000000000000000d";
    protected const string Malformed = "pr-0000000000000000000000000000000e";

    private static readonly string Token = $"{TService.Name}-test-token";

    private WebApplication _fakeAgency = null!;
    private int _calls;
    private int _flakyCalls;
    private int _hangingCalls;
    private string _malformedBody = "";

    protected ServiceTestFactory<TService> Adapter { get; private set; } = null!;

    /// <summary>The agency's resource for a person as a route pattern with <c>{personRef}</c>, e.g. <c>/jobseekers/{personRef}</c>.</summary>
    protected abstract string ResourcePattern { get; }

    /// <summary>The agency's answer about <see cref="Known"/>, as its contract writes it.</summary>
    protected abstract object KnownAnswer { get; }

    /// <summary>What the adapter makes of <see cref="KnownAnswer"/>.</summary>
    protected abstract TRecord KnownRecord { get; }

    /// <summary>The line the coach reads about <see cref="Known"/>.</summary>
    protected abstract string KnownLine { get; }

    /// <summary>One field of the known person's shared-view section and its value.</summary>
    protected abstract (string Field, string Value) KnownSectionField { get; }

    /// <summary>The other agency adapter's audience: a grant signed for it is valid, but not here.</summary>
    protected abstract string SiblingAudience { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _fakeAgency = builder.Build();
        _fakeAgency.MapGet(ResourcePattern, async (string personRef, HttpRequest request) =>
        {
            Interlocked.Increment(ref _calls);
            if (request.Headers.Authorization != $"Bearer {Token}")
            {
                return Results.Unauthorized();
            }

            switch (personRef)
            {
                case Flaky when Interlocked.Increment(ref _flakyCalls) == 1:
                    return Results.StatusCode(503); // the agency's system has a moment; the adapter retries
                case Hanging:
                    Interlocked.Increment(ref _hangingCalls);
                    await Task.Delay(Timeout.Infinite, request.HttpContext.RequestAborted);
                    return Results.StatusCode(500);
                case Malformed:
                    return Results.Content(_malformedBody, "application/json");
                case Known or Flaky:
                    return Results.Json(KnownAnswer);
                default:
                    return Results.NotFound();
            }
        });
        await _fakeAgency.StartAsync();

        Adapter = new ServiceTestFactory<TService>();
        Adapter.Settings[$"{TService.ConfigurationSection}:System"] = "http";
        Adapter.Settings[$"{TService.ConfigurationSection}:Http:BaseUrl"] = _fakeAgency.Urls.First() + "/";
        Adapter.Settings[$"{TService.ConfigurationSection}:Http:BearerToken"] = Token;
    }

    public async ValueTask DisposeAsync()
    {
        await Adapter.DisposeAsync();
        await _fakeAgency.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected async Task<TRecord?> FindAsync(string personRef)
    {
        using var scope = Adapter.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IAgencySystem<TRecord>>().FindAsync(personRef, Ct);
    }

    private HttpClient SectionClient(string personRef, string[] categories, string? audience = null) =>
        Adapter.ClientWithGrant(audience ?? TService.Name, DemoActors.OvanakerCoach, purpose: Purposes.Coordination, personRef: personRef, categories: categories);

    private static string SectionsPath(string personRef) => $"/{TService.Name}/persons/{personRef}/sections";

    [Fact]
    public async Task Reads_the_record_from_the_agencys_api()
    {
        Assert.Equal(KnownRecord, await FindAsync(Known));
    }

    [Fact]
    public async Task No_record_at_the_agency_is_no_record_here()
    {
        Assert.Null(await FindAsync(Unknown));
    }

    [Fact]
    public async Task The_coach_reads_the_record_in_plain_words()
    {
        using var scope = Adapter.Services.CreateScope();
        var status = scope.ServiceProvider.GetRequiredService<IAgencyStatus<TService>>();

        Assert.Equal(KnownLine, await status.DescribeAsync(Known, Ct));
    }

    [Fact]
    public async Task A_moment_of_unavailability_at_the_agency_is_retried()
    {
        Assert.Equal(KnownRecord, await FindAsync(Flaky));
        Assert.Equal(2, _flakyCalls);
    }

    [Theory]
    [MemberData("MalformedAnswers")]
    public async Task An_answer_that_does_not_keep_the_contract_is_an_error_not_a_record(string body)
    {
        _malformedBody = body;

        await Assert.ThrowsAsync<InvalidDataException>(() => FindAsync(Malformed));
    }

    [Fact]
    public async Task A_hanging_agency_is_given_up_on_after_each_attempt_times_out()
    {
        Adapter.TestServices = ShortHttpAttempts.Apply;

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => FindAsync(Hanging));
        Assert.Equal(4, _hangingCalls); // the first attempt and the standard three retries
    }

    [Fact]
    public async Task The_shared_view_section_comes_from_the_agencys_api_when_the_grant_names_it()
    {
        using var client = SectionClient(Known, [TService.Category]);

        var section = Assert.Single((await client.GetFromJsonAsync<JsonArray>(SectionsPath(Known), Ct))!)!;

        Assert.Equal(TService.Category, section["category"]!.GetValue<string>());
        Assert.Equal(KnownSectionField.Value, section["data"]![KnownSectionField.Field]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_the_agencys_category_in_the_grant_the_agency_is_not_even_asked()
    {
        using var client = SectionClient(Known, [DataCategories.IpsPlan]);

        var sections = await client.GetFromJsonAsync<JsonArray>(SectionsPath(Known), Ct);

        Assert.Empty(sections!);
        Assert.Equal(0, _calls);
    }

    [Fact]
    public async Task A_grant_for_another_person_is_refused()
    {
        using var client = SectionClient(Unknown, [TService.Category]);

        var response = await client.GetAsync(SectionsPath(Known), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, _calls);
    }

    /// <summary>A grant the gateway signed for the other agency's section, sent here instead: valid, but not for this service.</summary>
    [Fact]
    public async Task A_grant_addressed_to_the_other_agency_adapter_is_refused_and_the_agency_is_not_asked()
    {
        using var client = SectionClient(Known, [TService.Category], audience: SiblingAudience);

        var response = await client.GetAsync(SectionsPath(Known), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, _calls);
    }

    [Fact]
    public async Task An_expired_grant_is_refused_and_the_agency_is_not_asked()
    {
        var expired = new GrantIssuer(Adapter.Services.GetRequiredService<GrantKeyRing>(), new ShiftedClock(TimeSpan.FromMinutes(-10)))
            .Issue("gateway", TService.Name, DemoActors.OvanakerCoach, Purposes.Coordination, Known, [TService.Category]);
        using var client = Adapter.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, SectionsPath(Known));
        request.Headers.Add(GrantDefaults.HeaderName, expired);

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _calls);
    }

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + shift;
    }
}
