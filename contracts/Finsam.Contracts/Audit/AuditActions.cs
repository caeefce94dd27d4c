namespace Finsam.Contracts.Audit;

public static class AuditActions
{
    public const string Share = "share";
    public const string View = "view";
    public const string Deny = "deny";
    public const string ConsentGranted = "consent-granted";
    public const string ConsentRevoked = "consent-revoked";
    public const string AuditSearch = "audit-search";
}
