using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Finsam.Audit.Proofs;
using Finsam.Transparency;
using Finsam.Audit.Recording;
using Finsam.Contracts.Api.Audit;
using Finsam.Testing;

namespace Finsam.Audit.Tests;

/// <summary>
/// Issue 16's must-hold: an implementation Finsam did not write accepts Finsam's output. A small Go program
/// (<c>tlogcheck/</c>) opens the checkpoints with <c>golang.org/x/mod/sumdb/note</c> and the published verifier key, and
/// checks inclusion and consistency proofs with <c>golang.org/x/mod/sumdb/tlog</c>. It builds in GOPATH mode against
/// Debian's golang-golang-x-mod-dev, which <c>bash .ci/run</c> installs.
/// </summary>
public sealed class IndependentCheckTests : IAsyncLifetime
{
    private const string GoPath = "/usr/share/gocode";
    private readonly AuditHarness _audit = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("finsam-tlogcheck-").FullName;
    private readonly List<string> _checkpoints = [];
    private readonly List<object> _inclusion = [];
    private readonly List<object> _consistency = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _audit.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Go_accepts_every_checkpoint_and_proof_for_trees_of_1_to_300_records()
    {
        var log = _audit.Service<AuditLog>();
        for (var size = 1; size <= 300; size++)
        {
            await log.AppendAsync(GroupCommitTests.View(size), Guid.NewGuid(), Ct);
            await CheckpointAsync();
            foreach (var sequence in new[] { 1, (size / 2) + 1, size }.Distinct())
            {
                await InclusionAsync(checkpoint: size - 1, sequence);
            }

            if (size > 1)
            {
                await ConsistencyAsync(from: size - 2, to: size - 1);
                await ConsistencyAsync(from: size / 3, to: size - 1);
            }
        }

        var answers = await RunGoAsync();

        Assert.Equal(300 + _inclusion.Count + _consistency.Count, answers.Count);
        Assert.All(answers, answer => Assert.EndsWith(" accepted", answer, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Go_accepts_the_proofs_of_the_records_kept_after_a_retention_cut()
    {
        await _audit.RecordViewsAsync(40, expired: true);
        await _audit.RecordViewsAsync(20);
        await CheckpointAsync();
        Assert.Equal(40, await _audit.ApplyRetentionAsync());
        await _audit.RecordViewsAsync(10);
        await CheckpointAsync();

        for (var sequence = 41; sequence <= 70; sequence++)
        {
            await InclusionAsync(checkpoint: 1, sequence);
        }

        await InclusionAsync(checkpoint: 0, 41);
        await ConsistencyAsync(from: 0, to: 1);
        var answers = await RunGoAsync();

        Assert.Equal(2 + 31 + 1, answers.Count);
        Assert.All(answers, answer => Assert.EndsWith(" accepted", answer, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Go_refuses_a_tampered_checkpoint_record_or_proof()
    {
        await _audit.RecordViewsAsync(13);
        var note = await CheckpointAsync();
        _checkpoints.Add(note.Replace("\n13\n", "\n12\n", StringComparison.Ordinal)); // 1: the size changed under the signature
        _checkpoints.Add(ForeignKey().Sign(Head(0))); // 2: the right text, signed by another key of the same name

        var leaf = await LeafAsync(5);
        var proof = await InclusionProofAsync(5, 13);
        var flipped = Convert.FromBase64String(proof.Hashes[1]);
        flipped[0] ^= 1;
        _inclusion.Add(Inclusion(0, 4, Flip(leaf), proof.Hashes)); // a record changed after it was logged
        _inclusion.Add(Inclusion(0, 4, leaf, [proof.Hashes[0], Convert.ToBase64String(flipped), .. proof.Hashes.Skip(2)])); // a bit flipped in the proof
        _inclusion.Add(Inclusion(0, 4, leaf, [.. proof.Hashes.SkipLast(1)])); // a proof cut short
        _inclusion.Add(Inclusion(0, 5, leaf, proof.Hashes)); // the wrong index
        _inclusion.Add(Inclusion(1, 4, leaf, proof.Hashes)); // a checkpoint that does not verify

        // A log that rewrote an old record: its leaf now differs from the one the signed tree holds.
        await _audit.TamperAsync("UPDATE audit_records SET reason = 'rewritten' WHERE sequence = 3");
        _inclusion.Add(Inclusion(0, 2, await LeafAsync(3), (await InclusionProofAsync(3, 13)).Hashes));
        _consistency.Add(new { from = 0, to = 0, hashes = new[] { proof.Hashes[0] } }); // a proof where none belongs

        var answers = await RunGoAsync();

        Assert.Equal(
            ["checkpoint 0 accepted", "checkpoint 1 refused", "checkpoint 2 refused", .. Enumerable.Range(0, 6).Select(i => $"inclusion {i} refused"), "consistency 0 refused"],
            answers.Select(a => a.Split(':')[0]));
    }

    private static AuditNoteKey ForeignKey() => ProofRouteTests.AuditNoteKeyFor("finsam.example/audit/v1");

    private TreeHead Head(int checkpoint) =>
        TreeHead.Parse(_checkpoints[checkpoint][..(_checkpoints[checkpoint].IndexOf("\n\n", StringComparison.Ordinal) + 1)])!;

    private async Task<string> CheckpointAsync()
    {
        using var client = _audit.PublicClient();
        var note = await client.GetStringAsync("/audit/checkpoint", Ct);
        _checkpoints.Add(note);
        return note;
    }

    /// <summary>Record <paramref name="sequence"/>'s leaf and inclusion proof in the tree of checkpoint <paramref name="checkpoint"/>.</summary>
    private async Task InclusionAsync(int checkpoint, long sequence)
    {
        _inclusion.Add(Inclusion(checkpoint, sequence - 1, await LeafAsync(sequence), (await InclusionProofAsync(sequence, Head(checkpoint).Size)).Hashes));
    }

    private async Task ConsistencyAsync(int from, int to)
    {
        using var auditor = _audit.AuditorClient();
        var proof = (await auditor.GetFromJsonAsync<ConsistencyProof>($"/audit/proofs/consistency?from={Head(from).Size}&to={Head(to).Size}", Ct))!;
        _consistency.Add(new { from, to, hashes = proof.Hashes });
    }

    private static object Inclusion(int checkpoint, long index, byte[] leaf, IReadOnlyList<string> hashes) =>
        new { checkpoint, index, leaf = Convert.ToBase64String(leaf), hashes };

    private async Task<InclusionProof> InclusionProofAsync(long sequence, long treeSize)
    {
        using var auditor = _audit.AuditorClient();
        return (await auditor.GetFromJsonAsync<InclusionProof>($"/audit/proofs/inclusion?sequence={sequence}&treeSize={treeSize}", Ct))!;
    }

    private async Task<byte[]> LeafAsync(long sequence)
    {
        using var auditor = _audit.AuditorClient();
        return await auditor.GetByteArrayAsync($"/audit/records/{sequence}/leaf", Ct);
    }

    private static byte[] Flip(byte[] bytes)
    {
        var copy = bytes.ToArray();
        copy[^2] ^= 1;
        return copy;
    }

    /// <summary>Builds the Go program and gives it the cases; its answers, one line each.</summary>
    private async Task<List<string>> RunGoAsync()
    {
        Assert.SkipUnless(Directory.Exists(Path.Combine(GoPath, "src", "golang.org", "x", "mod", "sumdb", "note")) && Run("go", "version").ExitCode == 0,
            "Go and golang.org/x/mod are not installed (Debian packages golang-go and golang-golang-x-mod-dev; bash .ci/run installs them).");
        using var publicClient = _audit.PublicClient();
        var input = JsonSerializer.Serialize(new
        {
            verifierKey = (await publicClient.GetStringAsync("/audit/verifier-key", Ct)).Trim(),
            origin = "finsam.example/audit/v1",
            checkpoints = _checkpoints,
            inclusion = _inclusion,
            consistency = _consistency,
        });
        var program = Path.Combine(_folder, "tlogcheck");
        var build = Run("go", $"build -o {program} .", Path.Combine(TestPaths.RepositoryRoot, "tests", "Finsam.Audit.Tests", "tlogcheck"));
        Assert.True(build.ExitCode == 0, "go build: " + build.Output);
        var check = Run(program, "", _folder, input);
        Assert.True(check.ExitCode == 0, "tlogcheck: " + check.Output);
        return [.. check.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    private (int ExitCode, string Output) Run(string file, string arguments, string? directory = null, string? input = null)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory ?? _folder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["GO111MODULE"] = "off"; // GOPATH mode: the packages come from Debian, nothing is downloaded
        start.Environment["GOPATH"] = GoPath;
        start.Environment["GOCACHE"] = Path.Combine(_folder, "gocache");
        start.Environment["GOFLAGS"] = "";
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(Ct);
            var errors = process.StandardError.ReadToEndAsync(Ct);
            process.StandardInput.Write(input ?? "");
            process.StandardInput.Close();
            process.WaitForExit();
            return (process.ExitCode, output.Result + errors.Result);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return (-1, exception.Message);
        }
    }
}
