using Finsam.ServiceDefaults.Data;

namespace Finsam.Agencies.FollowUp;

/// <summary>A person an IPS unit follows, and what the agency said about them when last asked.</summary>
public sealed record FollowedPerson
{
    public string PersonRef { get; init; } = "";

    public string UnitId { get; init; } = "";

    public string? LastDescription { get; init; }
}

/// <summary>The <c>followed_persons</c> table (Migrations/); the SQL is the same on SQLite and SQL Server.</summary>
public static class FollowedPersons
{
    /// <summary>The unit follows the person from now on, starting from what the agency says now; following again starts over.</summary>
    public static async Task FollowAsync(DbSession session, string personRef, string unitId, DateTimeOffset since, string description)
    {
        await session.ExecuteAsync(
            "DELETE FROM followed_persons WHERE person_ref = @PersonRef AND unit_id = @UnitId",
            new { PersonRef = personRef, UnitId = unitId });
        await session.ExecuteAsync(
            "INSERT INTO followed_persons (person_ref, unit_id, since, last_description) VALUES (@PersonRef, @UnitId, @Since, @Description)",
            new { PersonRef = personRef, UnitId = unitId, Since = since, Description = description });
    }

    public static async Task<IReadOnlyList<FollowedPerson>> AllAsync(DbSession session) =>
        [.. await session.QueryAsync<FollowedPerson>(
            "SELECT person_ref AS PersonRef, unit_id AS UnitId, last_description AS LastDescription FROM followed_persons")];

    /// <summary>
    /// Claims a change: moves the person's last description from what <paramref name="person"/> saw to
    /// <paramref name="description"/>. Of two watchers that saw the same change, only the one that moves the row
    /// tells it; false for the other.
    /// </summary>
    public static async Task<bool> ClaimChangeAsync(DbSession session, FollowedPerson person, string description) =>
        await session.ExecuteAsync(
            """
            UPDATE followed_persons SET last_description = @Description
            WHERE person_ref = @PersonRef AND unit_id = @UnitId AND (last_description = @Previous OR (last_description IS NULL AND @Previous IS NULL))
            """,
            new { Description = description, person.PersonRef, person.UnitId, Previous = person.LastDescription }) == 1;
}
