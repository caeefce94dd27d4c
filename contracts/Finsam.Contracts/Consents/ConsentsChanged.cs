namespace Finsam.Contracts.Consents;

/// <summary>
/// A person's consents, confirmations or blocks changed. The consent service publishes it with the change, in the same
/// commit, so that each of its replicas forgets the decisions' inputs it holds in memory for that person.
/// </summary>
public sealed record ConsentsChanged(string PersonRef);
