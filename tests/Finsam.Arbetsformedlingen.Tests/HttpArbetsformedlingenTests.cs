using Finsam.Arbetsformedlingen.AfSystem;
using Finsam.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.Arbetsformedlingen.Tests;

/// <summary>The AF adapter on AF's real API (Contract/af-jobseeker.openapi.yaml), against a local fake of it.</summary>
public sealed class HttpArbetsformedlingenTests : IAsyncLifetime
{
    private const string Registered = "pr-0000000000000000000000000000000a";
    private const string Unknown = "pr-0000000000000000000000000000000b";
    private WebApplication _fakeAf = null!;
    private ServiceTestFactory<ArbetsformedlingenService> _adapter = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _fakeAf = builder.Build();
        _fakeAf.MapGet("/jobseekers/{personRef}", (string personRef, HttpRequest request) =>
            request.Headers.Authorization != "Bearer af-test-token" ? Results.Unauthorized()
            : personRef == Registered ? Results.Json(new
            {
                registered = true, registeredSince = "2025-03-01", programme = "Stöd och matchning", sius = true, aktivitetsstod = true,
                lonebidrag = new { decidedOn = "2026-11-02", from = "2026-12-01", to = "2027-05-31", percentOfWage = 80 },
                officer = new { name = "Per Andersson", phone = "010-486 10 00" },
            })
            : Results.NotFound());
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
}
