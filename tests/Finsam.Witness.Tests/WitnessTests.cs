using System.Net;
using System.Security.Cryptography;
using System.Text;
using Finsam.Testing;
using Finsam.Transparency;

namespace Finsam.Witness.Tests;

/// <summary>
/// The witness against c2sp.org/tlog-witness: it cosigns a log's checkpoint only when the log signed it and a consistency
/// proof shows it extends the last one it cosigned, and answers every other case with the protocol's status.
/// </summary>
public sealed class WitnessTests : IAsyncDisposable
{
    private const string Origin = "finsam.example/audit/v1";
    private static readonly NoteSigner Log = new(Origin, RandomNumberGenerator.GetBytes(32));
    private readonly List<byte[]> _leaves = [.. Enumerable.Range(0, 40).Select(i => MerkleProofs.LeafHash(BitConverter.GetBytes(i)))];
    private readonly ServiceTestFactory<WitnessService> _witness = WitnessFactory(Log.Verifier);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _witness.DisposeAsync();

    /// <summary>A witness that cosigns the log with <paramref name="log"/>'s key, alone on a fresh database.</summary>
    public static ServiceTestFactory<WitnessService> WitnessFactory(NoteVerifierKey log)
    {
        var factory = new ServiceTestFactory<WitnessService> { UseTestHarness = false };
        factory.Settings["Finsam:Witness:Name"] = "region.example/witness";
        factory.Settings["Finsam:Witness:Logs:0:VerifierKey"] = log.ToString();
        return factory;
    }

    [Fact]
    public async Task The_first_checkpoint_of_a_log_is_cosigned_and_the_published_witness_key_verifies_the_cosignature()
    {
        var checkpoint = Checkpoint(5);

        var response = await AddAsync(new AddCheckpointRequest(0, [], checkpoint));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var witness = NoteVerifierKey.Parse(await _witness.CreateClient().GetStringAsync("/witness/verifier-key", Ct))!;
        var at = Cosignatures.CosignedAt(checkpoint + await response.Content.ReadAsStringAsync(Ct), witness);
        Assert.NotNull(at);
        Assert.InRange(at.Value, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task A_checkpoint_that_a_consistency_proof_shows_extends_the_last_cosigned_one_is_cosigned()
    {
        await AddAsync(new AddCheckpointRequest(0, [], Checkpoint(5)));

        var response = await AddAsync(new AddCheckpointRequest(5, MerkleProofs.ConsistencyProof(_leaves, 5, 23), Checkpoint(23)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("— region.example/witness ", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proof_that_does_not_hold_is_422_and_the_witness_still_holds_the_last_cosigned_checkpoint()
    {
        await AddAsync(new AddCheckpointRequest(0, [], Checkpoint(5)));
        var proof = MerkleProofs.ConsistencyProof(_leaves, 5, 23);
        proof[1] = SHA256.HashData(proof[1]);

        var refused = await AddAsync(new AddCheckpointRequest(5, proof, Checkpoint(23)));
        var honest = await AddAsync(new AddCheckpointRequest(5, MerkleProofs.ConsistencyProof(_leaves, 5, 23), Checkpoint(23)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, honest.StatusCode);
    }

    [Fact]
    public async Task A_log_that_forks_its_history_gets_no_cosignature()
    {
        await AddAsync(new AddCheckpointRequest(0, [], Checkpoint(8)));
        var rewritten = _leaves.ToList();
        rewritten[2] = MerkleProofs.LeafHash("rewritten"u8);

        var sameSize = await AddAsync(new AddCheckpointRequest(8, [], Checkpoint(8, rewritten)));
        var grown = await AddAsync(new AddCheckpointRequest(8, MerkleProofs.ConsistencyProof(rewritten, 8, 20), Checkpoint(20, rewritten)));

        Assert.Equal(HttpStatusCode.Conflict, sameSize.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, grown.StatusCode);
    }

    [Fact]
    public async Task An_old_size_that_is_not_the_last_cosigned_one_is_409_with_the_size_the_witness_holds()
    {
        await AddAsync(new AddCheckpointRequest(0, [], Checkpoint(5)));

        var response = await AddAsync(new AddCheckpointRequest(3, MerkleProofs.ConsistencyProof(_leaves, 3, 9), Checkpoint(9)));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("text/x.tlog.size", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("5\n", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Of_two_racing_first_checkpoints_exactly_one_is_cosigned()
    {
        var answers = await Task.WhenAll(AddAsync(new AddCheckpointRequest(0, [], Checkpoint(5))), AddAsync(new AddCheckpointRequest(0, [], Checkpoint(9))));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
    }

    [Fact]
    public async Task A_log_the_witness_does_not_cosign_is_404()
    {
        var other = new NoteSigner("other.example/log", RandomNumberGenerator.GetBytes(32));

        var response = await AddAsync(new AddCheckpointRequest(0, [], other.Sign(new TreeHead("other.example/log", 3, MerkleProofs.Root(_leaves[..3])).ToNoteText())));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_checkpoint_of_the_log_signed_by_another_key_is_403()
    {
        var impostor = new NoteSigner(Origin, RandomNumberGenerator.GetBytes(32));

        var response = await AddAsync(new AddCheckpointRequest(0, [], impostor.Sign(new TreeHead(Origin, 3, MerkleProofs.Root(_leaves[..3])).ToNoteText())));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("old 9\n\n{checkpoint}")]
    [InlineData("old 01\n\n{checkpoint}")]
    [InlineData("old -1\n\n{checkpoint}")]
    [InlineData("old 0\nnot-a-hash\n\n{checkpoint}")]
    [InlineData("old 0\n\nfinsam.example/audit/v1\n5\n")]
    public async Task A_request_that_is_not_an_add_checkpoint_request_is_400(string body)
    {
        using var content = new StringContent(body.Replace("{checkpoint}", Checkpoint(5), StringComparison.Ordinal), Encoding.UTF8, "text/plain");

        var response = await _witness.CreateClient().PostAsync("/witness/add-checkpoint", content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task More_than_63_proof_lines_is_400()
    {
        var request = new AddCheckpointRequest(0, [.. Enumerable.Repeat(_leaves[0], 64)], Checkpoint(5));

        Assert.Equal(HttpStatusCode.BadRequest, (await AddAsync(request)).StatusCode);
    }

    private string Checkpoint(int size, List<byte[]>? leaves = null) =>
        Log.Sign(new TreeHead(Origin, size, MerkleProofs.Root((leaves ?? _leaves)[..size])).ToNoteText());

    private async Task<HttpResponseMessage> AddAsync(AddCheckpointRequest request)
    {
        using var content = new StringContent(request.Format(), Encoding.UTF8, "text/plain");
        return await _witness.CreateClient().PostAsync("/witness/add-checkpoint", content, Ct);
    }
}
