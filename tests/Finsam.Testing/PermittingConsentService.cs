namespace Finsam.Testing;

/// <summary>
/// A stand-in for the consent service that permits every decision and counts them, for a service test that needs
/// sharing to be allowed (so anything worth telling would be told). <see cref="ConsentServiceStub"/> can also deny.
/// </summary>
public sealed class PermittingConsentService : IAsyncDisposable
{
    public static readonly Guid ConsentId = ConsentServiceStub.ConsentId;

    private readonly ConsentServiceStub _stub;

    private PermittingConsentService(ConsentServiceStub stub) => _stub = stub;

    /// <summary>Where to point <c>Finsam:Services:consent</c>.</summary>
    public string BaseAddress => _stub.BaseAddress;

    public int Decisions => _stub.Decisions;

    public static async Task<PermittingConsentService> StartAsync() => new(await ConsentServiceStub.StartAsync());

    public ValueTask DisposeAsync() => _stub.DisposeAsync();
}
