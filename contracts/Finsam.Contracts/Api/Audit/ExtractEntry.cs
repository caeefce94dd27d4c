namespace Finsam.Contracts.Api.Audit;

/// <param name="Sequence">The audit record this line comes from.</param>
/// <param name="Proof">Its c2sp.org/tlog-proof@v1 file: the line's record is in the log the published verifier key signs.</param>
/// <param name="LeafHash">The record's leaf hash (base64), which the proof proves.</param>
/// <param name="Record">
/// The record's canonical bytes (base64), whose leaf hash is <paramref name="LeafHash"/>. Only where the county names staff
/// in extracts: the bytes name the member of staff who acted.
/// </param>
public sealed record ExtractEntry(
    DateTimeOffset At,
    string Action,
    string Party,
    string PartyLabel,
    string? UnitId,
    string? UnitName,
    string? StaffName,
    IReadOnlyList<LabelledCode> Categories,
    LabelledCode? Purpose,
    string Text,
    long? Sequence = null,
    string? Proof = null,
    string? LeafHash = null,
    string? Record = null);
