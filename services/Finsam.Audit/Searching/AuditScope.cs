using Finsam.Audit.Checkpoints;
using Finsam.ServiceDefaults.Grants;

namespace Finsam.Audit.Searching;

/// <summary>
/// What one auditor may review. Each authority follows up its own logs (PDL 4:3, OSL): an auditor sees the records
/// where their own party is the source, the recipient or the acting party. A configured joint auditor (the
/// association's data protection officer, <see cref="AuditOptions.JointAuditors"/>) sees all. A record outside
/// the scope is not there: no search, sample, export, flag or extract returns or counts it, because the scope is a
/// condition of every query that reads records.
/// </summary>
public sealed record AuditScope(string? Party)
{
    /// <summary>Every record: the joint auditor's scope, and the benchmarks'.</summary>
    public static AuditScope All { get; } = new((string?)null);

    public static AuditScope Of(Grant grant, AuditOptions options) =>
        options.JointAuditors.Contains(grant.Actor.UserId, StringComparer.Ordinal) ? All : new AuditScope(grant.Actor.Party);

    /// <summary>Whether every record is in scope (the joint auditor).</summary>
    public bool IsAll => Party is null;

    /// <summary>
    /// The condition on <c>audit_records</c> (starting with " AND", empty for all), with <c>@ScopeParty</c> bound to
    /// <see cref="Party"/>; <paramref name="alias"/> qualifies the columns ("v.") where the query names the table.
    /// </summary>
    public string Sql(string alias = "") =>
        IsAll ? "" : $" AND ({alias}actor_party = @ScopeParty OR {alias}source_party = @ScopeParty OR {alias}recipient_party = @ScopeParty)";
}
