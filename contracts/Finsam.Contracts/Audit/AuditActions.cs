namespace Finsam.Contracts.Audit;

public static class AuditActions
{
    public const string Share = "share";
    public const string View = "view";
    public const string Deny = "deny";
    public const string ConsentGranted = "consent-granted";
    public const string ConsentRevoked = "consent-revoked";

    /// <summary>A source (or the person) confirmed what a consent held back of its records (docs/adr/0024).</summary>
    public const string ConsentConfirmed = "consent-confirmed";
    public const string BlockRecorded = "block-recorded";
    public const string BlockLifted = "block-lifted";
    public const string AuditSearch = "audit-search";

    /// <summary>Emergency access (nödöppning) was opened: who, for whom, which categories, on which legal basis and why.</summary>
    public const string EmergencyAccessOpened = "emergency-access-opened";

    /// <summary>A view under emergency access, not under a consent: always flagged for follow-up (docs/adr/0025).</summary>
    public const string EmergencyAccess = "emergency-access";

    /// <summary>A unit was invited to a follow-up meeting about the person: a relation that makes its later views expected.</summary>
    public const string MeetingInvitation = "meeting-invitation";
}
