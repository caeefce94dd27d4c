using System.Net;
using Finsam.Audit.Proofs;
using Finsam.Transparency;

namespace Finsam.EndToEnd.Tests;

/// <summary>
/// Issue 16 through the gateway: anyone reads the log's checkpoint and verifier key without signing in, and an auditor
/// takes a record's leaf and its tlog-proof file away and proves the record offline with the public key alone.
/// </summary>
public sealed class AuditProofsThroughGatewayTests(FinsamApp app) : IClassFixture<FinsamApp>
{
    private readonly FinsamClient _finsam = new(app.CreateClient);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anyone_reads_the_signed_checkpoint_and_its_verifier_key_without_a_token()
    {
        await _finsam.GetJsonAsync(FinsamClient.Auditor, "/api/audit/records?limit=1"); // the search is recorded: the log is not empty
        using var anonymous = app.CreateClient();

        var key = NoteVerifierKey.Parse(await anonymous.GetStringAsync("/api/audit/verifier-key", Ct));
        var response = await FinsamClient.EventuallyAsync(async () =>
        {
            var answer = await anonymous.GetAsync("/api/audit/checkpoint", Ct);
            return answer.StatusCode == HttpStatusCode.OK ? answer : null;
        });

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var head = TreeHead.Open(await response.Content.ReadAsStringAsync(Ct), key!);
        Assert.NotNull(head);
        Assert.True(head.Size >= 1);
    }

    [Fact]
    public async Task An_auditor_proves_a_record_offline_from_its_leaf_and_tlog_proof_file_and_reading_the_leaf_is_recorded()
    {
        var probe = $"probe.{Guid.NewGuid():N}";
        await _finsam.GetJsonAsync(FinsamClient.Auditor, $"/api/audit/records?userId={probe}");
        var search = await FinsamClient.EventuallyAsync(async () =>
            (await _finsam.GetJsonAsync(FinsamClient.JointAuditor, $"/api/audit/records?userId={FinsamClient.Auditor}&action=audit-search&limit=500"))["items"]!.AsArray()
            .FirstOrDefault(r => r!["reason"]!.GetValue<string>().Contains(probe, StringComparison.Ordinal)));
        var sequence = search!["sequence"]!.GetValue<long>();
        var auditor = await _finsam.AsAsync(FinsamClient.Auditor);

        var leaf = await auditor.GetByteArrayAsync($"/api/audit/records/{sequence}/leaf", Ct);
        var proof = TlogProof.Parse(await auditor.GetStringAsync($"/api/audit/records/{sequence}/tlog-proof", Ct));
        using var anonymous = app.CreateClient();
        var key = NoteVerifierKey.Parse(await anonymous.GetStringAsync("/api/audit/verifier-key", Ct))!;

        Assert.NotNull(proof);
        Assert.Equal(sequence - 1, proof.Index);
        Assert.True(proof.Proves(leaf, key));
        Assert.False(proof.Proves([.. leaf.Take(leaf.Length - 2), (byte)'x', (byte)'}'], key));
        await FinsamClient.EventuallyAsync(async () =>
            (await _finsam.GetJsonAsync(FinsamClient.JointAuditor, $"/api/audit/records?userId={FinsamClient.Auditor}&action=audit-search&limit=500"))["items"]!.AsArray()
            .FirstOrDefault(r => r!["reason"]!.GetValue<string>() == $"audit/records/{sequence}/leaf"));
    }
}
