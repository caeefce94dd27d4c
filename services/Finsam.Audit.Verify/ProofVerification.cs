using Finsam.Audit.Proofs;
using Finsam.Transparency;

namespace Finsam.Audit.Verify;

/// <summary>
/// Checks one record offline (issue 16, item 6): its leaf bytes (<c>GET /api/audit/records/{sequence}/leaf</c>, or a line of
/// a person's extract) against its <c>c2sp.org/tlog-proof@v1</c> file, trusting nothing but the log's verifier key, which
/// the checker pins (never the key inside what the server sent). Names what is wrong: the file, the checkpoint's signature,
/// or the proof.
/// </summary>
public static class ProofVerification
{
    public sealed record Result(bool Valid, string Message);

    /// <param name="witnessKeys">The cosignature verifier keys of the witnesses the checker trusts.</param>
    /// <param name="requiredCosignatures">How many of them must have cosigned the proof's checkpoint.</param>
    public static Result Verify(string proofText, byte[] leaf, string verifierKeyText, IReadOnlyList<string> witnessKeys, int requiredCosignatures)
    {
        if (NoteVerifierKey.Parse(verifierKeyText) is not { } key)
        {
            throw new FormatException("The verifier key is not a note verifier key (<name>+<hex key id>+<base64 key>).");
        }

        if (TlogProof.Parse(proofText) is not { } proof)
        {
            return new(false, "the file is not a c2sp.org/tlog-proof@v1 proof");
        }

        if (TreeHead.Open(proof.Checkpoint, key) is not { } head)
        {
            return new(false, $"the checkpoint in the proof is not signed by {key.Name} (key {key.KeyId:x8}), or is not one of its checkpoints");
        }

        var witnesses = witnessKeys.Select(text => NoteVerifierKey.Parse(text) is { Type: NoteVerifierKey.CosignatureType } witness
            ? witness
            : throw new FormatException($"Not a witness's cosignature verifier key: {text.Trim()}")).ToList();
        var cosigned = Cosignatures.Count(proof.Checkpoint, witnesses);
        if (cosigned < requiredCosignatures)
        {
            return new(false, $"the checkpoint carries {cosigned} valid cosignature(s) of the trusted witnesses; {requiredCosignatures} required");
        }

        return proof.Proves(leaf, key)
            ? new(true, $"record {proof.Index + 1} is in {head.Origin} at tree size {head.Size}, cosigned by {cosigned} trusted witness(es)")
            : new(false, $"the inclusion proof of record {proof.Index + 1} does not lead to the signed root of tree size {head.Size}: the record or the proof was changed");
    }
}
