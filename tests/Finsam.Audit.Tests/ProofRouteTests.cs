using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Finsam.Audit.Proofs;
using Finsam.Transparency;
using Finsam.Contracts.Api.Audit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Finsam.Audit.Tests;

/// <summary>
/// The proof routes of issue 16 on the audit service as it records: the checkpoint is a C2SP note over the RFC 6962 root of
/// the records' leaves, and inclusion, consistency and tlog-proof answers verify against it, also after retention.
/// </summary>
public sealed class ProofRouteTests : IAsyncLifetime
{
    private readonly AuditHarness _audit = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _audit.DisposeAsync();

    [Fact]
    public async Task The_checkpoint_is_a_note_signed_by_the_published_key_over_the_root_of_the_records_leaves()
    {
        await _audit.RecordViewsAsync(7);

        var head = await CheckpointAsync();

        Assert.Equal(7, head.Size);
        Assert.Equal("finsam.example/audit/v1", head.Origin);
        var leaves = new List<byte[]>();
        for (var sequence = 1; sequence <= 7; sequence++)
        {
            leaves.Add(MerkleProofs.LeafHash(await LeafAsync(sequence)));
        }

        Assert.Equal(MerkleProofs.Root(leaves), head.Root);
    }

    [Fact]
    public async Task Every_record_is_proved_in_the_checkpoint_by_its_inclusion_proof_and_its_tlog_proof_file()
    {
        await _audit.RecordViewsAsync(6);
        var head = await CheckpointAsync();
        using var auditor = _audit.AuditorClient();
        var key = await VerifierKeyAsync();

        for (var sequence = 1; sequence <= 6; sequence++)
        {
            var leaf = await LeafAsync(sequence);
            var proof = (await auditor.GetFromJsonAsync<InclusionProof>($"/audit/proofs/inclusion?sequence={sequence}&treeSize=6", Ct))!;
            Assert.Equal(sequence - 1, proof.Index);
            Assert.Equal(Convert.ToBase64String(MerkleProofs.LeafHash(leaf)), proof.LeafHash);
            Assert.True(MerkleProofs.VerifyInclusion((ulong)proof.Index, 6, MerkleProofs.LeafHash(leaf), [.. proof.Hashes.Select(Convert.FromBase64String)], head.Root));

            var file = TlogProof.Parse(await auditor.GetStringAsync($"/audit/records/{sequence}/tlog-proof", Ct))!;
            Assert.True(file.Proves(leaf, key), $"tlog-proof of record {sequence}");
            Assert.False(file.Proves(await LeafAsync(sequence % 6 + 1), key), "another record's leaf");
        }
    }

    [Fact]
    public async Task A_later_checkpoint_is_proved_consistent_with_an_earlier_one()
    {
        await _audit.RecordViewsAsync(5);
        var earlier = await CheckpointAsync();
        await _audit.RecordViewsAsync(8);
        var later = await CheckpointAsync();
        using var auditor = _audit.AuditorClient();

        var proof = (await auditor.GetFromJsonAsync<ConsistencyProof>($"/audit/proofs/consistency?from={earlier.Size}&to={later.Size}", Ct))!;

        Assert.True(MerkleProofs.VerifyConsistency(5, 13, [.. proof.Hashes.Select(Convert.FromBase64String)], earlier.Root, later.Root));
    }

    [Fact]
    public async Task Records_kept_after_retention_are_still_proved_and_the_tree_still_extends_the_one_before_the_cut()
    {
        await _audit.RecordViewsAsync(6, expired: true);
        await _audit.RecordViewsAsync(3);
        var before = await CheckpointAsync();

        Assert.Equal(6, await _audit.ApplyRetentionAsync());
        await _audit.RecordViewsAsync(2);
        var after = await CheckpointAsync();
        using var auditor = _audit.AuditorClient();

        Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync("/audit/records/3/leaf", Ct)).StatusCode);
        var file = TlogProof.Parse(await auditor.GetStringAsync("/audit/records/8/tlog-proof", Ct))!;
        Assert.True(file.Proves(await LeafAsync(8), await VerifierKeyAsync()));
        var consistency = (await auditor.GetFromJsonAsync<ConsistencyProof>($"/audit/proofs/consistency?from={before.Size}&to={after.Size}", Ct))!;
        Assert.True(MerkleProofs.VerifyConsistency(9, 11, [.. consistency.Hashes.Select(Convert.FromBase64String)], before.Root, after.Root));
    }

    [Theory]
    [InlineData("/audit/proofs/inclusion?sequence=0&treeSize=3")]
    [InlineData("/audit/proofs/inclusion?sequence=1&treeSize=0")]
    [InlineData("/audit/proofs/inclusion?sequence=1&treeSize=4")]
    [InlineData("/audit/proofs/inclusion?sequence=3&treeSize=2")]
    [InlineData("/audit/proofs/inclusion?sequence=x&treeSize=3")]
    [InlineData("/audit/proofs/inclusion?treeSize=3")]
    [InlineData("/audit/proofs/inclusion?sequence=1&treeSize=99999999999999999999")]
    [InlineData("/audit/proofs/consistency?from=0&to=3")]
    [InlineData("/audit/proofs/consistency?from=3&to=2")]
    [InlineData("/audit/proofs/consistency?from=1&to=4")]
    [InlineData("/audit/proofs/consistency?from=-1&to=2")]
    [InlineData("/audit/proofs/consistency?from=1&to=2.5")]
    [InlineData("/audit/records/0/leaf")]
    [InlineData("/audit/records/abc/tlog-proof")]
    public async Task A_size_or_sequence_no_tree_has_is_400(string path)
    {
        await _audit.RecordViewsAsync(3);
        using var auditor = _audit.AuditorClient();

        var response = await auditor.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_empty_log_has_no_checkpoint_yet()
    {
        using var client = _audit.PublicClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/audit/checkpoint", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_log_written_before_the_tree_existed_gets_its_whole_tree_when_the_writer_next_starts()
    {
        await _audit.RecordViewsAsync(5);
        var expected = (await CheckpointAsync()).Root;
        await _audit.TamperAsync("DELETE FROM audit_tree; DELETE FROM audit_tree_heads");

        using var upgraded = new Recording.AuditLog(
            _audit.Service<ServiceDefaults.Data.ServiceDatabase<AuditService>>(), _audit.Service<Checkpoints.AuditSigningKey>(),
            _audit.Service<AuditNoteKey>(), _audit.Service<Microsoft.Extensions.Options.IOptions<Checkpoints.AuditOptions>>(), TimeProvider.System);
        var head = await upgraded.LatestTreeHeadAsync(Ct);

        Assert.Equal(5, head!.TreeSize);
        Assert.Equal(expected, head.Root);
    }

    [Fact]
    public async Task The_verify_tool_proves_a_record_from_its_leaf_and_tlog_proof_file_with_the_verifier_key_alone()
    {
        await _audit.RecordViewsAsync(9);
        var files = await DownloadProofOfRecordAsync(4);

        var (exitCode, output) = await OfflineVerificationTests.RunVerifyToolAsync(["--tlog-proof", files.Proof, "--leaf", files.Leaf, "--verifier-key", files.Key]);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("VALID: record 4 is in finsam.example/audit/v1 at tree size 9", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_verify_tool_exits_1_and_says_so_when_the_record_was_changed_after_its_proof()
    {
        await _audit.RecordViewsAsync(9);
        var files = await DownloadProofOfRecordAsync(4);
        var leaf = await File.ReadAllTextAsync(files.Leaf, Ct);
        await File.WriteAllTextAsync(files.Leaf, leaf.Replace("view 3", "view 7", StringComparison.Ordinal), Ct);

        var (exitCode, output) = await OfflineVerificationTests.RunVerifyToolAsync(["--tlog-proof", files.Proof, "--leaf", files.Leaf, "--verifier-key", files.Key]);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("INVALID: the inclusion proof of record 4 does not lead to the signed root of tree size 9", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_verify_tool_refuses_a_proof_whose_checkpoint_another_key_signed()
    {
        await _audit.RecordViewsAsync(3);
        var files = await DownloadProofOfRecordAsync(2);
        await File.WriteAllTextAsync(files.Key, AuditNoteKeyFor("finsam.example/audit/v1").Verifier.ToString(), Ct);

        var (exitCode, output) = await OfflineVerificationTests.RunVerifyToolAsync(["--tlog-proof", files.Proof, "--leaf", files.Leaf, "--verifier-key", files.Key]);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("INVALID: the checkpoint in the proof is not signed by finsam.example/audit/v1", output, StringComparison.Ordinal);
    }

    /// <summary>A record's leaf, its proof file and the verifier key, saved as a person or a court would keep them.</summary>
    private async Task<(string Leaf, string Proof, string Key)> DownloadProofOfRecordAsync(long sequence)
    {
        using var auditor = _audit.AuditorClient();
        var folder = Directory.CreateTempSubdirectory("finsam-proof-").FullName;
        var files = (Path.Combine(folder, "record.json"), Path.Combine(folder, "record.tlog-proof"), Path.Combine(folder, "audit.vkey"));
        await File.WriteAllBytesAsync(files.Item1, await LeafAsync(sequence), Ct);
        await File.WriteAllTextAsync(files.Item2, await auditor.GetStringAsync($"/audit/records/{sequence}/tlog-proof", Ct), Ct);
        await File.WriteAllTextAsync(files.Item3, (await VerifierKeyAsync()).ToString(), Ct);
        return files;
    }

    internal static AuditNoteKey AuditNoteKeyFor(string origin) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Finsam:Audit:NoteSigningKey"] = NoteSigner.PrivateKeyText(origin, RandomNumberGenerator.GetBytes(32)),
            ["Finsam:Audit:Origin"] = origin,
        }).Build(),
        Options.Create(new Checkpoints.AuditOptions { Origin = origin }), NullLogger<AuditNoteKey>.Instance);

    private async Task<TreeHead> CheckpointAsync()
    {
        using var client = _audit.PublicClient();
        var note = await client.GetStringAsync("/audit/checkpoint", Ct);
        return TreeHead.Open(note, await VerifierKeyAsync()) ?? throw new InvalidOperationException("The checkpoint does not verify:\n" + note);
    }

    private async Task<NoteVerifierKey> VerifierKeyAsync()
    {
        using var client = _audit.PublicClient();
        return NoteVerifierKey.Parse(await client.GetStringAsync("/audit/verifier-key", Ct))!;
    }

    private async Task<byte[]> LeafAsync(long sequence)
    {
        using var auditor = _audit.AuditorClient();
        return await auditor.GetByteArrayAsync($"/audit/records/{sequence}/leaf", Ct);
    }
}
