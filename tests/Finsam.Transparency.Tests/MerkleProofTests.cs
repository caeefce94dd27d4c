using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Finsam.Transparency;
using Finsam.Testing;

namespace Finsam.Transparency.Tests;

/// <summary>
/// RFC 6962 Merkle proofs (issue 16, item 1, the verifier's half): every conformance vector in
/// ../shared/testdata/rfc6962 gives its expected answer (happy paths verify; bit flips, wrong indexes and sizes,
/// truncated and extended proofs and swapped roots are refused), and proofs Finsam generates verify for trees of 1 to
/// 64 leaves, and stop verifying when a bit of them is flipped.
/// </summary>
public sealed class MerkleProofTests
{
    private static readonly string Vectors = Path.Combine(TestPaths.RepositoryRoot, "..", "shared", "testdata", "rfc6962");

    public static TheoryData<string> InclusionVectors() => Files("inclusion");

    public static TheoryData<string> ConsistencyVectors() => Files("consistency");

    private static TheoryData<string> Files(string kind) =>
        [.. Directory.GetFiles(Path.Combine(Vectors, kind), "*.json", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Vectors, f)).Order(StringComparer.Ordinal)];

    private static byte[] Bytes(JsonNode? node) => node is null ? [] : Convert.FromBase64String(node.GetValue<string>());

    private static List<byte[]> Proof(JsonNode vector) => vector["proof"] is JsonArray proof ? [.. proof.Select(Bytes)] : [];

    [Theory]
    [MemberData(nameof(InclusionVectors))]
    public void An_inclusion_vector_gives_its_expected_answer(string file)
    {
        var v = JsonNode.Parse(File.ReadAllText(Path.Combine(Vectors, file)))!;

        var verified = MerkleProofs.VerifyInclusion(v["leafIdx"]!.GetValue<ulong>(), v["treeSize"]!.GetValue<ulong>(), Bytes(v["leafHash"]), Proof(v), Bytes(v["root"]));

        Assert.Equal(!v["wantErr"]!.GetValue<bool>(), verified);
    }

    [Theory]
    [MemberData(nameof(ConsistencyVectors))]
    public void A_consistency_vector_gives_its_expected_answer(string file)
    {
        var v = JsonNode.Parse(File.ReadAllText(Path.Combine(Vectors, file)))!;

        var verified = MerkleProofs.VerifyConsistency(v["size1"]!.GetValue<ulong>(), v["size2"]!.GetValue<ulong>(), Proof(v), Bytes(v["root1"]), Bytes(v["root2"]));

        Assert.Equal(!v["wantErr"]!.GetValue<bool>(), verified);
    }

    [Fact]
    public void The_root_of_the_vectors_eight_leaves_is_the_published_one()
    {
        string[] leaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

        var root = MerkleProofs.Root([.. leaves.Select(hex => MerkleProofs.LeafHash(Convert.FromHexString(hex)))]);

        Assert.Equal("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328", Convert.ToHexStringLower(root));
    }

    [Fact]
    public void Generated_inclusion_and_consistency_proofs_verify_for_every_leaf_and_size_up_to_64()
    {
        var leaves = Enumerable.Range(0, 64).Select(i => MerkleProofs.LeafHash(BitConverter.GetBytes(i))).ToList();
        var roots = Enumerable.Range(0, 65).Select(size => MerkleProofs.Root(leaves[..size])).ToList();

        for (var size = 1; size <= 64; size++)
        {
            for (var index = 0; index < size; index++)
            {
                Assert.True(MerkleProofs.VerifyInclusion((ulong)index, (ulong)size, leaves[index], MerkleProofs.InclusionProof(leaves, index, size), roots[size]), $"inclusion {index} in {size}");
            }

            for (var smaller = 1; smaller <= size; smaller++)
            {
                Assert.True(MerkleProofs.VerifyConsistency((ulong)smaller, (ulong)size, MerkleProofs.ConsistencyProof(leaves, smaller, size), roots[smaller], roots[size]), $"consistency {smaller} to {size}");
            }
        }
    }

    [Fact]
    public void A_generated_proof_with_one_bit_flipped_is_refused()
    {
        var leaves = Enumerable.Range(0, 37).Select(i => MerkleProofs.LeafHash(BitConverter.GetBytes(i))).ToList();
        var inclusion = MerkleProofs.InclusionProof(leaves, 21, 37);
        var consistency = MerkleProofs.ConsistencyProof(leaves, 13, 37);
        var random = new Random(16);

        for (var trial = 0; trial < 50; trial++)
        {
            var proof = (trial % 2 == 0 ? inclusion : consistency).Select(h => h.ToArray()).ToList();
            var hash = proof[random.Next(proof.Count)];
            hash[random.Next(hash.Length)] ^= (byte)(1 << random.Next(8));

            Assert.False(trial % 2 == 0
                ? MerkleProofs.VerifyInclusion(21, 37, leaves[21], proof, MerkleProofs.Root(leaves))
                : MerkleProofs.VerifyConsistency(13, 37, proof, MerkleProofs.Root(leaves[..13]), MerkleProofs.Root(leaves)));
        }
    }

    [Fact]
    public void The_empty_tree_has_the_hash_of_nothing_as_its_root() =>
        Assert.Equal(SHA256.HashData([]), MerkleProofs.Root([]));
}
