namespace Finsam.ServiceDefaults.Data;

/// <summary>
/// No network call happens while a write session is open: on SQLite the session holds the process's writer
/// gate, and anywhere it holds locks, for as long as the other side takes to answer (or not). Consent is decided
/// first and written with its effect after. <see cref="ServiceDatabase{TService}.BeginAsync"/> marks the flow
/// that opened a session; every HTTP client of a Finsam host refuses to send from a marked flow, so a call in the
/// wrong place fails in the first test that takes that path.
/// </summary>
public static class WriteSessionGuard
{
    private static readonly AsyncLocal<Marker?> Current = new();

    /// <summary>True when the calling flow has a write session open.</summary>
    public static bool InWriteSession => Current.Value is { IsOpen: true };

    /// <summary>
    /// Marks the calling flow. Called from a method that is not <c>async</c>, so the mark stays in the caller's
    /// context (an async method's changes to an AsyncLocal end when it returns); the session clears it on dispose.
    /// </summary>
    internal static Marker Enter() => Current.Value = new Marker();

    internal sealed class Marker
    {
        public bool IsOpen { get; set; } = true;
    }
}

/// <summary>Refuses an HTTP request sent from a flow that holds an open write session (see <see cref="WriteSessionGuard"/>).</summary>
public sealed class NoCallsInWriteSessionHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        WriteSessionGuard.InWriteSession
            ? throw new InvalidOperationException(
                $"An HTTP call to {request.RequestUri?.GetLeftPart(UriPartial.Authority)} was made inside an open write session. Decide (consent, lookups) before the session opens.")
            : base.SendAsync(request, cancellationToken);
}
