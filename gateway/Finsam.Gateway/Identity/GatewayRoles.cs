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

    /// <summary>Who acts: a member of staff as the directory describes them, or the person themself under their personRef.</summary>
    public static Actor ToActor(this ClaimsPrincipal user) =>
        user.FindFirstValue(Role) == Roles.Resident
            ? Actor.Resident(user.FindFirstValue(UserId) ?? "")
            : new(user.FindFirstValue(UserId) ?? "", user.FindFirstValue(Role) ?? "", user.FindFirstValue(Party) ?? "", user.FindFirstValue(Unit));
}

public static class GatewayPolicies
{
    /// <summary>Who refers to an IPS unit: clinicians, social workers, AF and FK officers (Referrers).</summary>
    public const string Referrer = "referrer";
    public const string Coordinator = "coordinator";
    public const string IpsStaff = "ips-staff";
    public const string Auditor = "auditor";

    /// <summary>The samordningsförbund's analysts: the follow-up routes and nothing else.</summary>
    public const string Analyst = "analyst";

    /// <summary>Everyone who works with persons; auditors read the log, not the cases.</summary>
    public const string CaseWorker = "case-worker";

    /// <summary>Every member of staff: every route but the person's own (and lifting a block) is theirs alone.</summary>
    public const string Staff = "staff";

    /// <summary>The person themself, signed in: the <c>/api/me</c> routes, and nothing about anyone else.</summary>
    public const string Resident = "resident";

    /// <summary>Lifting a block: the unit that recorded it, or the person it protects.</summary>
    public const string CaseWorkerOrResident = "case-worker-or-resident";

    /// <summary>Who may open emergency access (nödöppning): the professions with a duty to act for a person in need.</summary>
    public const string EmergencyAccess = "emergency-access";

    public static readonly string[] CaseWorkerRoles =
        [Roles.Clinician, Roles.Coordinator, Roles.Coach, Roles.SocialWorker, Roles.AfOfficer, Roles.FkOfficer];
}
