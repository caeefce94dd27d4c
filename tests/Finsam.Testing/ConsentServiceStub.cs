using System.Collections.Concurrent;
using Finsam.Contracts.Consents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Finsam.Testing;

/// <summary>
/// A stand-in for the consent service on a loopback port that answers each decision as the test says: permit
/// (the default), deny with a reason, or be down (503, which a service must read as "no decision"). It keeps the
/// requests it was asked, so a test can say what was asked and that nothing was.
/// </summary>
public sealed class ConsentServiceStub : IAsyncDisposable
{
    /// <summary>The consent every permit names.</summary>
    public static readonly Guid ConsentId = Guid.Parse("0191f2a4-0000-7000-8000-000000000002");

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ConsentDecisionRequest> _requests = new();
    private volatile Func<ConsentDecisionRequest, ConsentDecision?> _answer = Permit;

    private ConsentServiceStub(WebApplication app) => _app = app;

    /// <summary>Where to point <c>Finsam:Services:consent</c>.</summary>
    public string BaseAddress => _app.Urls.First() + "/";

    public int Decisions => _requests.Count;

    /// <summary>What was asked, in order.</summary>
    public IReadOnlyList<ConsentDecisionRequest> Requests => [.. _requests];

    public static async Task<ConsentServiceStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var stub = new ConsentServiceStub(builder.Build());
        stub._app.MapPost("/consent/decisions", (ConsentDecisionRequest request) =>
        {
            stub._requests.Enqueue(request);
            return stub._answer(request) is { } decision ? Results.Json(decision) : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        await stub._app.StartAsync();
        return stub;
    }

    /// <summary>Every later decision permits, under <see cref="ConsentId"/>.</summary>
    public void PermitAll() => _answer = Permit;

    /// <summary>Every later decision denies with <paramref name="reason"/>.</summary>
    public void DenyAll(string reason = ConsentDecision.NoConsent) => _answer = _ => ConsentDecision.Deny(reason);

    /// <summary>Later decisions as <paramref name="answer"/> gives them; null answers 503.</summary>
    public void AnswerWith(Func<ConsentDecisionRequest, ConsentDecision?> answer) => _answer = answer;

    /// <summary>The consent service is down: every later request gets 503.</summary>
    public void GoDown() => _answer = _ => null;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static ConsentDecision Permit(ConsentDecisionRequest request) => new(true, ConsentId, request.Categories, null);
}
