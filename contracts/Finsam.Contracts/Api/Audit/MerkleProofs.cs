namespace Finsam.Contracts.Api.Audit;

/// <summary>
/// An RFC 6962 inclusion proof: leaf <see cref="Index"/> (record sequence − 1) with <see cref="LeafHash"/> is in the tree of
/// <see cref="TreeSize"/> records; <see cref="Hashes"/> from the leaf's sibling up to the root's child, base64.
/// </summary>
public sealed record InclusionProof(long Index, long TreeSize, string LeafHash, IReadOnlyList<string> Hashes);

/// <summary>An RFC 6962 consistency proof: the tree of <see cref="To"/> records extends the tree of <see cref="From"/>; base64 hashes.</summary>
public sealed record ConsistencyProof(long From, long To, IReadOnlyList<string> Hashes);
