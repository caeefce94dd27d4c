using System.Security.Claims;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Sharing;

namespace Finsam.Gateway.Identity;

/// <summary>The claims a person's token carries, and the authorisation policies built on them.</summary>
public static class GatewayClaims
{
    public const string UserId = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Party = "party";
    public const string Unit = "unit";

    public static Actor ToActor(this ClaimsPrincipal user) => new(
        user.FindFirstValue(UserId) ?? "",
        user.FindFirstValue(Role) ?? "",
        user.FindFirstValue(Party) ?? "",
        user.FindFirstValue(Unit));
}

public static class GatewayPolicies
{
    public const string Clinician = "clinician";
    public const string Coordinator = "coordinator";
    public const string IpsStaff = "ips-staff";
    public const string Auditor = "auditor";

    /// <summary>Everyone who works with persons; auditors read the log, not the cases.</summary>
    public const string CaseWorker = "case-worker";

    /// <summary>Who may open emergency access (nödöppning): the professions with a duty to act for a person in need.</summary>
    public const string EmergencyAccess = "emergency-access";

    public static readonly string[] CaseWorkerRoles =
        [Roles.Clinician, Roles.Coordinator, Roles.Coach, Roles.SocialWorker, Roles.AfOfficer, Roles.FkOfficer];
}
