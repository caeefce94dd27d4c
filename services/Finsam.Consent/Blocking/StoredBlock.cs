using Finsam.Contracts.Api.Blocks;
using Finsam.Contracts.Api.Consents;
using Finsam.ServiceDefaults.Data;

namespace Finsam.Consent.Blocking;

/// <summary>A block (spärr) as stored: the person keeps these categories from this party (or unit) until it is lifted.</summary>
public sealed record StoredBlock(
    Guid BlockId, string PersonRef, string ToParty, string? ToUnitId, IReadOnlyList<string> Categories, string? Reason,
    RecordedBy RecordedBy, DateTimeOffset RecordedAt, string? LiftedBy, DateTimeOffset? LiftedAt)
{
    public bool IsActive => LiftedAt is null;

    /// <summary>Whether the block applies to this recipient: its party, and its unit when the block names one.</summary>
    public bool Covers(string party, string? unitId) => ToParty == party && (ToUnitId is null || ToUnitId == unitId);

    public BlockView ToView() => new(
        BlockId, PersonRef, ToParty, ToUnitId, Categories, Reason, IsActive ? "active" : "lifted", RecordedBy, RecordedAt, LiftedBy, LiftedAt);
}

/// <summary>Reads blocks; the SQL is the same on SQLite and SQL Server.</summary>
public static class BlockQueries
{
    public static async Task<IReadOnlyList<StoredBlock>> ForPersonAsync(DbSession session, string personRef) =>
        [.. (await session.QueryAsync<BlockRow>($"{Select} WHERE person_ref = @PersonRef ORDER BY recorded_at", new { PersonRef = personRef })).Select(r => r.ToBlock())];

    public static async Task<StoredBlock?> ByIdAsync(DbSession session, Guid blockId) =>
        (await session.QueryAsync<BlockRow>($"{Select} WHERE block_id = @BlockId", new { BlockId = blockId.ToString() })).SingleOrDefault()?.ToBlock();

    private const string Select =
        """
        SELECT block_id AS BlockId, person_ref AS PersonRef, to_party AS ToParty, to_unit_id AS ToUnitId, categories, reason,
               recorded_by_user AS RecordedByUser, recorded_by_role AS RecordedByRole, recorded_by_party AS RecordedByParty,
               recorded_by_unit AS RecordedByUnit, recorded_at AS RecordedAt, lifted_by_user AS LiftedBy, lifted_at AS LiftedAt
        FROM consent_blocks
        """;

    // Rows bind by property, which lets Dapper's type handlers convert SQLite's text times.
    private sealed record BlockRow
    {
        public string BlockId { get; init; } = "";
        public string PersonRef { get; init; } = "";
        public string ToParty { get; init; } = "";
        public string? ToUnitId { get; init; }
        public string Categories { get; init; } = "";
        public string? Reason { get; init; }
        public string RecordedByUser { get; init; } = "";
        public string RecordedByRole { get; init; } = "";
        public string RecordedByParty { get; init; } = "";
        public string? RecordedByUnit { get; init; }
        public DateTimeOffset RecordedAt { get; init; }
        public string? LiftedBy { get; init; }
        public DateTimeOffset? LiftedAt { get; init; }

        public StoredBlock ToBlock() => new(
            Guid.Parse(BlockId), PersonRef, ToParty, ToUnitId, Categories.Split(' '), Reason,
            new RecordedBy(RecordedByUser, RecordedByRole, RecordedByParty, RecordedByUnit), RecordedAt, LiftedBy, LiftedAt);
    }
}
