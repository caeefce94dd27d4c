using Finsam.Contracts.Consents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Finsam.Testing;

/// <summary>
/// A stand-in for the consent service on a loopback port that permits every decision and counts them, for a
/// service test that needs sharing to be allowed (so anything worth telling would be told).
/// </summary>
public sealed class PermittingConsentService : IAsyncDisposable
{
    public static readonly Guid ConsentId = Guid.Parse("0191f2a4-0000-7000-8000-000000000002");

    private readonly WebApplication _app;
    private int _decisions;

    private PermittingConsentService(WebApplication app) => _app = app;

    /// <summary>Where to point <c>Finsam:Services:consent</c>.</summary>
    public string BaseAddress => _app.Urls.First() + "/";

    public int Decisions => Volatile.Read(ref _decisions);

    public static async Task<PermittingConsentService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var service = new PermittingConsentService(builder.Build());
        service._app.MapPost("/consent/decisions", (ConsentDecisionRequest request) =>
        {
            Interlocked.Increment(ref service._decisions);
            return Results.Json(new ConsentDecision(true, ConsentId, request.Categories, null));
        });
        await service._app.StartAsync();
        return service;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
