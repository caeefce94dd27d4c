using System.Security.Cryptography;
using Finsam.Audit.Checkpoints;
using Finsam.Audit.Proofs;
using Finsam.Audit.Recording;
using Finsam.Audit.Witnessing;
using Finsam.ServiceDefaults.Data;
using Finsam.Testing;
using Finsam.Transparency;
using Finsam.Witness;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Finsam.Audit.Tests;

/// <summary>
/// The audit log and a witness run by another body (issue 16, item 3): the log's tree heads are cosigned, the cosignatures
/// travel in the checkpoint and in tlog-proof files, the verify tool can require them, and a log that rewrote its history
/// gets no new cosignature.
/// </summary>
public sealed class WitnessedLogTests : IAsyncDisposable
{
    private const string Origin = "finsam.example/audit/v1";
    private const string WitnessName = "region.example/witness";
    private static readonly string LogKey = NoteSigner.PrivateKeyText(Origin, RandomNumberGenerator.GetBytes(32));
    private static readonly string WitnessKey = NoteSigner.PrivateKeyText(WitnessName, RandomNumberGenerator.GetBytes(32));
    private static readonly NoteVerifierKey WitnessVerifier = NoteSigner.Parse(WitnessKey, NoteVerifierKey.CosignatureType).Verifier;
    private readonly ServiceTestFactory<WitnessService> _witness = new() { UseTestHarness = false };
    private AuditHarness? _audit;

    public WitnessedLogTests()
    {
        _witness.Settings["Finsam:Witness:Name"] = WitnessName;
        _witness.Settings["Finsam:Witness:SigningKey"] = WitnessKey;
        _witness.Settings["Finsam:Witness:Logs:0:VerifierKey"] = NoteSigner.Parse(LogKey).Verifier.ToString();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AuditHarness Audit => _audit ?? throw new InvalidOperationException("Start the log first.");

    public async ValueTask DisposeAsync()
    {
        if (_audit is not null)
        {
            await _audit.DisposeAsync();
        }

        await _witness.DisposeAsync();
    }

    [Fact]
    public async Task The_witness_cosigns_the_logs_tree_head_and_the_checkpoint_carries_the_cosignature()
    {
        StartLog(TimeSpan.FromMilliseconds(100));
        await Audit.RecordViewsAsync(5);

        var note = await FinsamClient.EventuallyAsync(async () =>
        {
            var checkpoint = await CheckpointAsync();
            return Cosignatures.CosignedAt(checkpoint, WitnessVerifier) is null ? null : checkpoint;
        });

        Assert.NotNull(TreeHead.Open(note, NoteSigner.Parse(LogKey).Verifier));
    }

    [Fact]
    public async Task The_verify_tool_requires_the_trusted_witnesses_cosignature_on_a_records_proof()
    {
        StartLog(TimeSpan.FromHours(1));
        await Audit.RecordViewsAsync(5);
        await CheckpointAsync();
        Assert.Equal(WitnessAnswer.Cosigned, (await Audit.Service<WitnessSubmitter>().SubmitAsync(Ct))[WitnessName]);
        var files = await DownloadProofOfRecordAsync(3);
        var stranger = Path.Combine(Path.GetDirectoryName(files.Proof)!, "stranger.vkey");
        await File.WriteAllTextAsync(stranger, new NoteSigner("stranger.example/w", RandomNumberGenerator.GetBytes(32), NoteVerifierKey.CosignatureType).Verifier.ToString(), Ct);
        string[] arguments = ["--tlog-proof", files.Proof, "--leaf", files.Leaf, "--verifier-key", files.Key];

        var trusted = await OfflineVerificationTests.RunVerifyToolAsync([.. arguments, "--witness-key", files.Witness]);
        var untrusted = await OfflineVerificationTests.RunVerifyToolAsync([.. arguments, "--witness-key", stranger]);

        Assert.Equal((0, "VALID: record 3 is in finsam.example/audit/v1 at tree size 5, cosigned by 1 trusted witness(es)\n"), trusted);
        Assert.Equal(1, untrusted.ExitCode);
        Assert.StartsWith("INVALID: the checkpoint carries 0 valid cosignature(s) of the trusted witnesses; 1 required", untrusted.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_next_tree_head_is_cosigned_with_a_consistency_proof_from_the_last_cosigned_size()
    {
        StartLog(TimeSpan.FromHours(1));
        await Audit.RecordViewsAsync(5);
        await CheckpointAsync();
        await Audit.Service<WitnessSubmitter>().SubmitAsync(Ct);
        await Audit.RecordViewsAsync(4);
        await CheckpointAsync();

        var answers = await Audit.Service<WitnessSubmitter>().SubmitAsync(Ct);

        Assert.Equal(WitnessAnswer.Cosigned, answers[WitnessName]);
        Assert.Equal("9", (await CheckpointAsync()).Split('\n')[1]);
    }

    [Fact]
    public async Task A_log_that_rewrote_an_old_record_and_rebuilt_its_tree_gets_no_new_cosignature()
    {
        StartLog(TimeSpan.FromHours(1));
        await Audit.RecordViewsAsync(5);
        await CheckpointAsync();
        await Audit.Service<WitnessSubmitter>().SubmitAsync(Ct);

        // Someone with the database and the signing key rewrites record 2 and builds the tree again to match it.
        await Audit.TamperAsync("UPDATE audit_records SET reason = 'rewritten' WHERE sequence = 2; DELETE FROM audit_tree; DELETE FROM audit_tree_heads");
        using var rewriter = new AuditLog(
            Audit.Service<ServiceDatabase<AuditService>>(), Audit.Service<AuditSigningKey>(), Audit.Service<AuditNoteKey>(),
            Audit.Service<IOptions<AuditOptions>>(), TimeProvider.System);
        for (var i = 0; i < 3; i++)
        {
            await rewriter.AppendAsync(GroupCommitTests.View(100 + i), Guid.NewGuid(), Ct);
        }

        await rewriter.LatestTreeHeadAsync(Ct);
        var answers = await Audit.Service<WitnessSubmitter>().SubmitAsync(Ct);

        Assert.Equal(WitnessAnswer.Refused, answers[WitnessName]);
        Assert.Null(Cosignatures.CosignedAt(await CheckpointAsync(), WitnessVerifier));
    }

    private void StartLog(TimeSpan witnessInterval) => _audit = new AuditHarness(
        new Dictionary<string, string?>
        {
            ["Finsam:Audit:NoteSigningKey"] = LogKey,
            ["Finsam:Audit:Witnesses:0:Url"] = "http://witness.test/witness",
            ["Finsam:Audit:Witnesses:0:VerifierKey"] = WitnessVerifier.ToString(),
            ["Finsam:Audit:WitnessInterval"] = witnessInterval.ToString(),
        },
        services => services.AddHttpClient(WitnessSubmitter.ClientName).ConfigurePrimaryHttpMessageHandler(() => _witness.Server.CreateHandler()));

    private async Task<string> CheckpointAsync()
    {
        using var client = Audit.PublicClient();
        return await client.GetStringAsync("/audit/checkpoint", Ct);
    }

    /// <summary>A record's leaf, its proof file, the log's verifier key and the witness's, saved as a person or a court would keep them.</summary>
    private async Task<(string Leaf, string Proof, string Key, string Witness)> DownloadProofOfRecordAsync(long sequence)
    {
        using var auditor = Audit.AuditorClient();
        using var anyone = Audit.PublicClient();
        var folder = Directory.CreateTempSubdirectory("finsam-witnessed-").FullName;
        var files = (Path.Combine(folder, "record.json"), Path.Combine(folder, "record.tlog-proof"), Path.Combine(folder, "audit.vkey"), Path.Combine(folder, "witness.vkey"));
        await File.WriteAllBytesAsync(files.Item1, await auditor.GetByteArrayAsync($"/audit/records/{sequence}/leaf", Ct), Ct);
        await File.WriteAllTextAsync(files.Item2, await auditor.GetStringAsync($"/audit/records/{sequence}/tlog-proof", Ct), Ct);
        await File.WriteAllTextAsync(files.Item3, await anyone.GetStringAsync("/audit/verifier-key", Ct), Ct);
        await File.WriteAllTextAsync(files.Item4, await _witness.CreateClient().GetStringAsync("/witness/verifier-key", Ct), Ct);
        return files;
    }
}
