namespace Finsam.Contracts.Codes;

/// <summary>
/// Who refers a person to an IPS unit or a coordination team, one profession per party: health care's clinician,
/// social services' social worker (an activity of its own under secrecy, OSL 8:2, even beside the municipality's IPS
/// unit), AF's and FK's officers. A person may also refer themself (<see cref="Self"/>, egen anmälan).
/// </summary>
public static class Referrers
{
    /// <summary>The referring "party" of a self-referral: the person themself, by phone, letter, in person or digitally.</summary>
    public const string Self = "self";

    public static readonly IReadOnlyDictionary<string, string> RoleOf = new Dictionary<string, string>
    {
        [Parties.HealthCare] = Roles.Clinician,
        [Parties.Municipality] = Roles.SocialWorker,
        [Parties.Arbetsformedlingen] = Roles.AfOfficer,
        [Parties.Forsakringskassan] = Roles.FkOfficer,
    };

    /// <summary>Every referring role.</summary>
    public static readonly IReadOnlyList<string> AllRoles = [.. RoleOf.Values];

    /// <summary>Whether <paramref name="role"/> of <paramref name="party"/> may send a referral.</summary>
    public static bool MayRefer(string party, string role) => RoleOf.TryGetValue(party, out var referrer) && referrer == role;

    /// <summary>How a self-referral reached the unit.</summary>
    public static readonly IReadOnlyList<string> ReceivedVia = ["phone", "letter", "in-person", "digital"];
}

/// <summary>What a municipal unit is, as the directory says: the receiving kinds run IPS cases, one case life for both.</summary>
public static class UnitKinds
{
    public const string IpsUnit = "ips-unit";

    /// <summary>A samordningsteam (seed 001): a coordination team funded by the samordningsförbund.</summary>
    public const string CoordinationTeam = "coordination-team";

    /// <summary>A samordningsförbund (Finsam association): it funds interventions and follows them up; it holds no case data.</summary>
    public const string Association = "association";

    public static bool Receives(string? kind) => kind is IpsUnit or CoordinationTeam;
}
