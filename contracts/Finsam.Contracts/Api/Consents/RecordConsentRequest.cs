namespace Finsam.Contracts.Api.Consents;

/// <summary>
/// A consent to record (API.md). A research consent names its study and no provisions; <see cref="Replaces"/>
/// names the consent this one supersedes (consents are never edited: a new version replaces the old).
/// <see cref="DocumentRef"/> says where staff documented it: where the signed form is kept, or the record entry of a
/// verbal consent. Required when staff record it; a consent the person gives signed in is its own document.
/// </summary>
public sealed record RecordConsentRequest(
    string? PersonRef,
    string? Kind,
    string? Purpose,
    string? Method,
    string? ValidUntil,
    IReadOnlyList<ProvisionRequest?>? Provisions,
    string? Note = null,
    StudyRequest? Study = null,
    Guid? Replaces = null,
    string? DocumentRef = null);
