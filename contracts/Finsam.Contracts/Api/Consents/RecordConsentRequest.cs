namespace Finsam.Contracts.Api.Consents;

public sealed record RecordConsentRequest(
    string? PersonRef,
    string? Kind,
    string? Purpose,
    string? Method,
    string? ValidUntil,
    IReadOnlyList<ProvisionRequest?>? Provisions,
    string? Note = null);
