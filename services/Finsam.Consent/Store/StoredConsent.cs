using System.Globalization;
using Finsam.Contracts.Api.Consents;
using Finsam.Contracts.Consents;
using Finsam.ServiceDefaults.Data;

namespace Finsam.Consent.Store;

/// <summary>A consent as stored, with its provisions.</summary>
public sealed record StoredConsent(
    Guid ConsentId,
    string PersonRef,
    string Kind,
    string Purpose,
    string Method,
    DateOnly ValidUntil,
    string? Note,
    IReadOnlyList<ConsentProvision> Provisions,
    RecordedBy RecordedBy,
    DateTimeOffset RecordedAt,
    DateTimeOffset? RevokedAt,
    string? RevokeReason,
    ConsentStudy? Study = null,
    Guid? Replaces = null,
    Guid? SupersededBy = null,
    IReadOnlyList<ConsentConfirmation>? Confirmations = null)
{
    /// <summary>Who confirmed held-back provisions, per source (or the person).</summary>
    public IReadOnlyList<ConsentConfirmation> Confirmations { get; init; } = Confirmations ?? [];

    /// <summary>Where staff documented the consent: the signed form's place, or the record entry of a verbal one.</summary>
    public string? DocumentRef { get; init; }

    /// <summary>What nobody at its source has confirmed yet: permitted to no one until it is (docs/adr/0024).</summary>
    public IReadOnlyList<AwaitingConfirmation> AwaitingConfirmation =>
        SensitiveProvisions.HeldBack(RecordedBy.Party, RecordedBy.Role, Provisions, [.. Confirmations.Select(c => c.Source)]);

    /// <summary>Whether the provision's category is one that waits for its source's or the person's confirmation.</summary>
    public bool IsHeldBack(ConsentProvision provision, string category) =>
        provision.ToParty == RecordedBy.Party && AwaitingConfirmation.Any(a => a.Categories.Contains(category));

    /// <summary>
    /// Whether a member of staff may see this consent: their unit recorded it, or it names their party (and
    /// unit, where a provision names one). Anyone else must not learn which parties the person deals with. The
    /// person, signed in, sees every consent about themself and no other.
    /// </summary>
    public bool Concerns(Contracts.Sharing.Actor actor) =>
        actor.Role == Contracts.Codes.Roles.Resident
            ? actor.IsThePerson(PersonRef)
            : RecordedBy.UnitId == actor.UnitId || Provisions.Any(p => Names(p, actor)) || HoldsBackFrom(actor.Party);

    /// <summary>
    /// Whether the consent gives the recorder's own party sensitive categories of <paramref name="source"/>: that
    /// source is asked to confirm it, and sees it (to confirm, or revoke it) before and after it does.
    /// </summary>
    private bool HoldsBackFrom(string source) =>
        SensitiveProvisions.ToRecordersParty(RecordedBy.Party, Provisions).Any(c => SensitiveProvisions.SourceOf(c) == source);

    /// <summary>The consent as clients see it (API.md), with its status on <paramref name="today"/>.</summary>
    public ConsentResponse ToResponse(DateOnly today) => new(
        ConsentId, PersonRef, Kind, Purpose, Method, StatusOn(today), ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Provisions,
        RecordedBy, RecordedAt, RevokedAt, RevokeReason, Note, Study, Replaces, SupersededBy)
    {
        AwaitingConfirmation = AwaitingConfirmation,
        Confirmations = Confirmations,
        DocumentRef = DocumentRef,
    };

    /// <summary>
    /// What <paramref name="actor"/> may see: all of it for the person and the recording unit, otherwise the provisions that name
    /// them, and for a source asked to confirm, what the consent would let the recorder's party have of its records.
    /// </summary>
    public StoredConsent AsSeenBy(Contracts.Sharing.Actor actor) =>
        actor.IsThePerson(PersonRef) || RecordedBy.UnitId == actor.UnitId ? this : this with
        {
            Provisions = [.. Provisions.Where(p => Names(p, actor)).Concat(HoldsBackFrom(actor.Party) ? ToRecordersPartyFrom(actor.Party) : [])],
            Note = null,
        };

    private IEnumerable<ConsentProvision> ToRecordersPartyFrom(string source) =>
        Provisions.Where(p => p.ToParty == RecordedBy.Party)
            .Select(p => p with { Categories = [.. p.Categories.Where(c => SensitiveProvisions.SourceOf(c) == source)] })
            .Where(p => p.Categories.Count > 0);

    private static bool Names(ConsentProvision provision, Contracts.Sharing.Actor actor) =>
        provision.ToParty == actor.Party && (provision.ToUnitId is null || provision.ToUnitId == actor.UnitId);

    public string StatusOn(DateOnly today) =>
        SupersededBy is not null ? ConsentStatuses.Superseded
        : RevokedAt is not null ? ConsentStatuses.Revoked
        : ValidUntil < today ? ConsentStatuses.Expired
        : ConsentStatuses.Active;
}

public static class ConsentStatuses
{
    public const string Active = "active";
    public const string Expired = "expired";
    public const string Revoked = "revoked";

    /// <summary>Replaced by a newer version, which names this one in <c>replaces</c>.</summary>
    public const string Superseded = "superseded";
}

public static class ConsentKinds
{
    public const string Sharing = "sharing";
    public const string Statistics = "statistics";

    /// <summary>For a named study: permits neither sharing nor statistics (DOMAIN.md).</summary>
    public const string Research = "research";
}

/// <summary>Reads consents; the SQL is the same on SQLite and SQL Server.</summary>
public static class ConsentQueries
{
    public static async Task<IReadOnlyList<StoredConsent>> ForPersonAsync(DbSession session, string personRef)
    {
        var rows = await session.QueryAsync<ConsentRow>(
            """
            SELECT consent_id AS ConsentId, person_ref AS PersonRef, kind, purpose, method, valid_until AS ValidUntil, note,
                   recorded_by_user AS RecordedByUser, recorded_by_role AS RecordedByRole, recorded_by_party AS RecordedByParty,
                   recorded_by_unit AS RecordedByUnit, recorded_at AS RecordedAt, revoked_at AS RevokedAt, revoke_reason AS RevokeReason,
                   study_name AS StudyName, study_principal AS StudyPrincipal, replaces_consent_id AS Replaces, superseded_by AS SupersededBy,
                   document_ref AS DocumentRef
            FROM consents WHERE person_ref = @PersonRef ORDER BY recorded_at DESC
            """,
            new { PersonRef = personRef });
        var provisions = (await session.QueryAsync<ProvisionRow>(
            """
            SELECT p.consent_id AS ConsentId, p.position, p.to_party AS ToParty, p.to_unit_id AS ToUnitId, p.categories
            FROM consent_provisions p JOIN consents c ON c.consent_id = p.consent_id
            WHERE c.person_ref = @PersonRef ORDER BY p.consent_id, p.position
            """,
            new { PersonRef = personRef })).ToLookup(p => p.ConsentId);
        var confirmations = (await session.QueryAsync<ConfirmationRow>(
            """
            SELECT f.consent_id AS ConsentId, f.source, f.confirmed_by_user AS ByUser, f.confirmed_by_role AS ByRole,
                   f.confirmed_by_party AS ByParty, f.confirmed_by_unit AS ByUnit, f.confirmed_at AS ConfirmedAt
            FROM consent_confirmations f JOIN consents c ON c.consent_id = f.consent_id
            WHERE c.person_ref = @PersonRef ORDER BY f.confirmed_at
            """,
            new { PersonRef = personRef })).ToLookup(f => f.ConsentId);

        return [.. rows.Select(row => row.ToConsent(provisions[row.ConsentId]) with
        {
            Confirmations = [.. confirmations[row.ConsentId].Select(f => f.ToConfirmation())],
        })];
    }

    public static async Task<StoredConsent?> ByIdAsync(DbSession session, Guid consentId)
    {
        var personRef = await session.QuerySingleOrDefaultAsync<string>(
            "SELECT person_ref FROM consents WHERE consent_id = @ConsentId", new { ConsentId = consentId.ToString() });
        return personRef is null ? null : (await ForPersonAsync(session, personRef)).Single(c => c.ConsentId == consentId);
    }

    // Rows bind by property, which lets Dapper's type handlers convert SQLite's text times.
    private sealed record ConsentRow
    {
        public string ConsentId { get; init; } = "";
        public string PersonRef { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Purpose { get; init; } = "";
        public string Method { get; init; } = "";
        public string ValidUntil { get; init; } = "";
        public string? Note { get; init; }
        public string RecordedByUser { get; init; } = "";
        public string RecordedByRole { get; init; } = "";
        public string RecordedByParty { get; init; } = "";
        public string? RecordedByUnit { get; init; }
        public DateTimeOffset RecordedAt { get; init; }
        public DateTimeOffset? RevokedAt { get; init; }
        public string? RevokeReason { get; init; }
        public string? StudyName { get; init; }
        public string? StudyPrincipal { get; init; }
        public string? Replaces { get; init; }
        public string? SupersededBy { get; init; }
        public string? DocumentRef { get; init; }

        public StoredConsent ToConsent(IEnumerable<ProvisionRow> provisions) => new(
            Guid.Parse(ConsentId), PersonRef, Kind, Purpose, Method,
            DateOnly.ParseExact(ValidUntil, "yyyy-MM-dd", CultureInfo.InvariantCulture), Note,
            [.. provisions.Select(p => new ConsentProvision(p.ToParty, p.ToUnitId, p.Categories.Split(' ')))],
            new RecordedBy(RecordedByUser, RecordedByRole, RecordedByParty, RecordedByUnit),
            RecordedAt, RevokedAt, RevokeReason,
            StudyName is null ? null : new ConsentStudy(StudyName, StudyPrincipal ?? ""),
            Replaces is null ? null : Guid.Parse(Replaces), SupersededBy is null ? null : Guid.Parse(SupersededBy))
        {
            DocumentRef = DocumentRef,
        };
    }

    private sealed record ProvisionRow
    {
        public string ConsentId { get; init; } = "";
        public long Position { get; init; }
        public string ToParty { get; init; } = "";
        public string? ToUnitId { get; init; }
        public string Categories { get; init; } = "";
    }

    private sealed record ConfirmationRow
    {
        public string ConsentId { get; init; } = "";
        public string Source { get; init; } = "";
        public string ByUser { get; init; } = "";
        public string ByRole { get; init; } = "";
        public string ByParty { get; init; } = "";
        public string? ByUnit { get; init; }
        public DateTimeOffset ConfirmedAt { get; init; }

        public ConsentConfirmation ToConfirmation() => new(Source, new RecordedBy(ByUser, ByRole, ByParty, ByUnit), ConfirmedAt);
    }
}
