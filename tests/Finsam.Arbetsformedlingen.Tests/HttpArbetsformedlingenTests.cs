using Finsam.Arbetsformedlingen.AfSystem;
using Finsam.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Polly.Timeout;

namespace Finsam.Arbetsformedlingen.Tests;

/// <summary>
/// The AF adapter on AF's real API (Contract/af-jobseeker.openapi.yaml), against a local fake of it: a record,
/// no record, a system that is briefly down, one that hangs, and answers that do not keep the contract.
/// </summary>
public sealed class HttpArbetsformedlingenTests : IAsyncLifetime
{
    private const string Registered = "pr-0000000000000000000000000000000a";
    private const string Unknown = "pr-0000000000000000000000000000000b";
    private const string Flaky = "pr-0000000000000000000000000000000c";
    private const string Hanging = "pr-0000000000000000000000000000000d";
    private const string Malformed = "pr-0000000000000000000000000000000e";
    private WebApplication _fakeAf = null!;
    private int _flakyCalls;
    private int _hangingCalls;
    private string _malformedBody = "";
    private ServiceTestFactory<ArbetsformedlingenService> _adapter = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _fakeAf = builder.Build();
        _fakeAf.MapGet("/jobseekers/{personRef}", async (string personRef, HttpRequest request) =>
        {
            if (request.Headers.Authorization != "Bearer af-test-token")
            {
                return Results.Unauthorized();
            }

            switch (personRef)
            {
                case Flaky when Interlocked.Increment(ref _flakyCalls) == 1:
                    return Results.StatusCode(503); // AF's system has a moment; the adapter retries
                case Hanging:
                    Interlocked.Increment(ref _hangingCalls);
                    await Task.Delay(Timeout.Infinite, request.HttpContext.RequestAborted);
                    return Results.StatusCode(500);
                case Malformed:
                    return Results.Content(_malformedBody, "application/json");
                case Registered or Flaky:
                    return Results.Json(new
                    {
                        registered = true, registeredSince = "2025-03-01", programme = "Stöd och matchning", sius = true, aktivitetsstod = true,
                        lonebidrag = new { decidedOn = "2026-11-02", from = "2026-12-01", to = "2027-05-31", percentOfWage = 80 },
                        officer = new { name = "Per Andersson", phone = "010-486 10 00" },
                    });
                default:
                    return Results.NotFound();
            }
        });
        await _fakeAf.StartAsync();

        _adapter = new ServiceTestFactory<ArbetsformedlingenService>();
        _adapter.Settings["Finsam:Arbetsformedlingen:System"] = "http";
        _adapter.Settings["Finsam:Arbetsformedlingen:Http:BaseUrl"] = _fakeAf.Urls.First() + "/";
        _adapter.Settings["Finsam:Arbetsformedlingen:Http:BearerToken"] = "af-test-token";
    }

    public async ValueTask DisposeAsync()
    {
        await _adapter.DisposeAsync();
        await _fakeAf.DisposeAsync();
    }

    private async Task<AfJobSeeker?> FindAsync(string personRef)
    {
        using var scope = _adapter.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IArbetsformedlingenSystem>().FindAsync(personRef, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Reads_registration_programme_and_lonebidrag_from_AFs_api()
    {
        var seeker = await FindAsync(Registered);

        Assert.Equal("Stöd och matchning", seeker!.Programme);
        Assert.Equal(new WageSubsidy(new DateOnly(2026, 11, 2), new DateOnly(2026, 12, 1), new DateOnly(2027, 5, 31), 80), seeker.Lonebidrag);
        Assert.Equal("Per Andersson", seeker.Officer!.Name);
    }

    [Fact]
    public async Task No_record_at_AF_is_no_record_here()
    {
        Assert.Null(await FindAsync(Unknown));
    }

    [Fact]
    public async Task The_coach_reads_a_lonebidrag_decision_in_plain_words()
    {
        using var scope = _adapter.Services.CreateScope();
        var status = scope.ServiceProvider.GetRequiredService<ServiceDefaults.Agencies.IAgencyStatus<ArbetsformedlingenService>>();

        var line = await status.DescribeAsync(Registered, TestContext.Current.CancellationToken);

        Assert.Equal("Inskriven, Stöd och matchning, med SIUS. Lönebidrag beslutat 2026-11-02, 80 %, 2026-12-01–2027-05-31.", line);
    }

    [Fact]
    public async Task A_moment_of_unavailability_at_AF_is_retried()
    {
        Assert.Equal("Stöd och matchning", (await FindAsync(Flaky))!.Programme);
        Assert.Equal(2, _flakyCalls);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"registered":"kanske"}""")]
    [InlineData("""{"registered":true,"registeredSince":"i våras"}""")]
    [InlineData("null")]
    [InlineData("<html>Underhåll pågår</html>")]
    public async Task An_answer_that_does_not_keep_the_contract_is_an_error_not_a_record(string body)
    {
        _malformedBody = body;

        await Assert.ThrowsAsync<InvalidDataException>(() => FindAsync(Malformed));
    }

    [Fact]
    public async Task A_hanging_AF_is_given_up_on_after_each_attempt_times_out()
    {
        _adapter.TestServices = ShortHttpAttempts.Apply;

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => FindAsync(Hanging));
        Assert.Equal(4, _hangingCalls); // the first attempt and the standard three retries
    }
}
