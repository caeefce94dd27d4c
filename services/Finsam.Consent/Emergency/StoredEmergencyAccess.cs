using Finsam.Consent.Blocking;
using Finsam.Contracts.Api.Consents;
using Finsam.Contracts.Api.EmergencyAccess;
using Finsam.ServiceDefaults.Data;

namespace Finsam.Consent.Emergency;

/// <summary>An emergency access as stored: for its opener alone, for these categories, until <see cref="ValidUntil"/>.</summary>
public sealed record StoredEmergencyAccess(
    Guid AccessId, string PersonRef, IReadOnlyList<string> Categories, string Reason, string LegalBasis, RecordedBy OpenedBy,
    DateTimeOffset OpenedAt, DateTimeOffset ValidUntil)
{
    /// <summary>
    /// The rule of what an emergency access opens, in one place: its categories while it lasts, minus what an
    /// active block keeps from the opener's party or unit, unless the legal basis allows passing blocks.
    /// </summary>
    public EmergencyAccessView ToView(IEnumerable<StoredBlock> blocks, LegalBasisOption? basis, DateTimeOffset now) => new(
        AccessId, PersonRef, Categories,
        basis?.PassesBlocks == true ? [] :
            [.. blocks.Where(b => b.IsActive && b.PersonRef == PersonRef && b.Covers(OpenedBy.Party, OpenedBy.UnitId))
                .SelectMany(b => b.Categories).Where(Categories.Contains).Distinct()],
        LegalBasis, Reason, OpenedBy, OpenedAt, ValidUntil, now < ValidUntil && basis is not null);
}

public static class EmergencyAccessQueries
{
    public static async Task<StoredEmergencyAccess?> ByIdAsync(DbSession session, Guid accessId) =>
        (await session.QueryAsync<Row>($"{Select} WHERE access_id = @AccessId", new { AccessId = accessId.ToString() })).SingleOrDefault()?.ToAccess();

    /// <summary>The emergency accesses one member of staff opened for one person, the latest first.</summary>
    public static async Task<IReadOnlyList<StoredEmergencyAccess>> OpenedByAsync(DbSession session, string personRef, string userId) =>
        [.. (await session.QueryAsync<Row>(
            $"{Select} WHERE person_ref = @PersonRef AND opened_by_user = @UserId ORDER BY opened_at DESC", new { PersonRef = personRef, UserId = userId }))
            .Select(r => r.ToAccess())];

    private const string Select =
        """
        SELECT access_id AS AccessId, person_ref AS PersonRef, categories, reason, legal_basis AS LegalBasis,
               opened_by_user AS ByUser, opened_by_role AS ByRole, opened_by_party AS ByParty, opened_by_unit AS ByUnit,
               opened_at AS OpenedAt, valid_until AS ValidUntil
        FROM emergency_accesses
        """;

    public static Task InsertAsync(DbSession session, StoredEmergencyAccess access) => session.ExecuteAsync(
        """
        INSERT INTO emergency_accesses (access_id, person_ref, categories, reason, legal_basis, opened_by_user, opened_by_role,
                                        opened_by_party, opened_by_unit, opened_at, valid_until)
        VALUES (@AccessId, @PersonRef, @Categories, @Reason, @LegalBasis, @User, @Role, @Party, @Unit, @OpenedAt, @ValidUntil)
        """,
        new
        {
            AccessId = access.AccessId.ToString(), access.PersonRef, Categories = string.Join(' ', access.Categories), access.Reason, access.LegalBasis,
            User = access.OpenedBy.UserId, access.OpenedBy.Role, access.OpenedBy.Party, Unit = access.OpenedBy.UnitId, access.OpenedAt, access.ValidUntil,
        });

    // Rows bind by property, which lets Dapper's type handlers convert SQLite's text times.
    private sealed record Row
    {
        public string AccessId { get; init; } = "";
        public string PersonRef { get; init; } = "";
        public string Categories { get; init; } = "";
        public string Reason { get; init; } = "";
        public string LegalBasis { get; init; } = "";
        public string ByUser { get; init; } = "";
        public string ByRole { get; init; } = "";
        public string ByParty { get; init; } = "";
        public string? ByUnit { get; init; }
        public DateTimeOffset OpenedAt { get; init; }
        public DateTimeOffset ValidUntil { get; init; }

        public StoredEmergencyAccess ToAccess() => new(
            Guid.Parse(AccessId), PersonRef, Categories.Split(' '), Reason, LegalBasis, new RecordedBy(ByUser, ByRole, ByParty, ByUnit), OpenedAt, ValidUntil);
    }
}
