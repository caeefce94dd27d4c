namespace Finsam.Contracts.Sharing;

/// <summary>Who acted: a person signed in through the gateway, or a service acting on its own.</summary>
public sealed record Actor(string UserId, string Role, string Party, string? UnitId)
{
    /// <summary>The "party" of the person themself: no authority, and no unit.</summary>
    public const string PersonParty = "person";

    public static Actor System(string party, string? unitId = null) =>
        new($"system:{party}", Codes.Roles.System, party, unitId);

    /// <summary>
    /// The person, signed in. They act under their pseudonym: the personRef is their user id in every grant and audit
    /// record, so no identity number or broker subject is ever written down (docs/adr/0026).
    /// </summary>
    public static Actor Resident(string personRef) => new(personRef, Codes.Roles.Resident, PersonParty, null);

    /// <summary>Whether this is the person <paramref name="personRef"/> themself, signed in.</summary>
    public bool IsThePerson(string? personRef) => Role == Codes.Roles.Resident && personRef is not null && UserId == personRef;
}
