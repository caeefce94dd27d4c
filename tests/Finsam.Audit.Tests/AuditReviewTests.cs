using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Finsam.Audit.Verify;
using Finsam.Contracts.Api.Audit;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Meetings;
using Finsam.Contracts.Referrals;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Data;
using Finsam.Testing;
using Finsam.Transparency;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.Audit.Tests;

/// <summary>The audit service alone: tampering found online and offline, and the auditor's review tools (retention: <see cref="StartOfLogTests"/>).</summary>
public sealed class AuditReviewTests : IAsyncLifetime
{
    private const string Person = "pr-00000000000000000000000000000abc";
    private readonly ServiceTestFactory<AuditService> _factory = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("finsam-export-").FullName;

    public ValueTask InitializeAsync()
    {
        _factory.Settings["Finsam:Audit:CheckpointEvery"] = "3";
        _factory.Settings["Finsam:Audit:CheckpointInterval"] = "01:00:00";
        _factory.Settings["Finsam:Audit:RetentionDays"] = "30";
        _factory.Settings["Finsam:Audit:ExtractNamesStaff"] = "true";
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Auditor() => _factory.ClientWithGrant("audit", DemoActors.JointAuditor, purpose: "audit");

    private async Task RecordViewsAsync(int count, Actor? viewer = null, DateTimeOffset? at = null)
    {
        var before = await CountAsync();
        for (var i = 0; i < count; i++)
        {
            await _factory.Harness.Bus.Publish(new AccessRecorded
            {
                Action = AuditActions.View, Actor = viewer ?? DemoActors.OvanakerCoach, PersonRef = Person, Categories = ["referral", "contact"],
                Purpose = "ips-support", Reason = $"view {i}", OccurredAt = at ?? DateTimeOffset.UtcNow,
            }, Ct);
        }

        await Eventually.HoldsAsync(async () => await CountAsync() == before + count);
    }

    private async Task<long> CountAsync() => await ScalarAsync("SELECT COUNT(*) FROM audit_records");

    private async Task<long> ScalarAsync(string sql)
    {
        await using var session = await _factory.Services.GetRequiredService<ServiceDatabase<AuditService>>().ConnectAsync(Ct);
        return await session.ExecuteScalarAsync<long>(sql);
    }

    private Task<long> TamperAsync(string sql) => ScalarAsync(sql + "; SELECT 0");

    private async Task<JsonNode> VerifyOnlineAsync()
    {
        using var client = Auditor();
        return (await client.GetFromJsonAsync<JsonNode>("/audit/verify", Ct))!;
    }

    private async Task<(string Export, string Key)> ExportAsync()
    {
        using var client = Auditor();
        var export = Path.Combine(_folder, "export.jsonl");
        var key = Path.Combine(_folder, "key.pem");
        await File.WriteAllTextAsync(export, await client.GetStringAsync("/audit/export?format=jsonl", Ct), Ct);
        await File.WriteAllTextAsync(key, await client.GetStringAsync("/audit/public-key", Ct), Ct);
        return (export, key);
    }

    [Fact]
    public async Task Every_few_records_the_head_is_signed_and_verify_names_that_checkpoint()
    {
        await RecordViewsAsync(7);

        var result = await VerifyOnlineAsync();

        Assert.True(result["valid"]!.GetValue<bool>());
        Assert.Equal(7, result["records"]!.GetValue<long>());
        Assert.Equal(6, result["lastCheckpoint"]!["sequence"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("UPDATE audit_records SET categories = 'health.diagnosis' WHERE sequence = 4", 4)]
    [InlineData("UPDATE audit_records SET hash = previous_hash WHERE sequence = 5", 5)]
    [InlineData("DELETE FROM audit_records WHERE sequence = 2", 2)]
    [InlineData("UPDATE audit_records SET sequence = -1 WHERE sequence = 2; UPDATE audit_records SET sequence = 2 WHERE sequence = 3; UPDATE audit_records SET sequence = 3 WHERE sequence = -1", 2)]
    [InlineData("UPDATE audit_checkpoints SET head_hash = (SELECT hash FROM audit_records WHERE sequence = 2) WHERE sequence = 3", 3)]
    [InlineData("DELETE FROM audit_records WHERE sequence >= 6", 6)]
    public async Task Tampering_in_the_store_is_found_online_at_the_right_sequence(string tampering, long firstInvalid)
    {
        await RecordViewsAsync(7);

        await TamperAsync(tampering);

        var result = await VerifyOnlineAsync();
        Assert.False(result["valid"]!.GetValue<bool>());
        Assert.Equal(firstInvalid, result["firstInvalidSequence"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_export_verifies_offline_with_the_published_key()
    {
        await RecordViewsAsync(7);
        var (export, key) = await ExportAsync();

        var result = OfflineVerification.VerifyFile(export, await File.ReadAllTextAsync(key, Ct));

        Assert.True(result.Valid, result.Problem);
        Assert.Equal(7, result.Records);
        Assert.Equal(6, result.LastCheckpoint!.Sequence);
    }

    [Theory]
    [InlineData("\"reason\":\"view 3\"", "\"reason\":\"view 9\"", 4)]
    [InlineData("\"sequence\":5,", "\"sequence\":50,", 5)]
    public async Task A_record_changed_in_an_export_is_found_offline_at_its_sequence(string original, string changed, long firstInvalid)
    {
        await RecordViewsAsync(7);
        var (export, key) = await ExportAsync();
        var lines = await File.ReadAllLinesAsync(export, Ct);
        var index = Array.FindIndex(lines, l => l.Contains("\"type\":\"record\"", StringComparison.Ordinal) && l.Contains(original, StringComparison.Ordinal));
        lines[index] = lines[index].Replace(original, changed, StringComparison.Ordinal);
        await File.WriteAllLinesAsync(export, lines, Ct);

        var result = OfflineVerification.VerifyFile(export, await File.ReadAllTextAsync(key, Ct));

        Assert.False(result.Valid);
        Assert.Equal(firstInvalid, result.FirstInvalidSequence);
    }

    [Fact]
    public async Task Records_reordered_in_an_export_are_found_offline()
    {
        await RecordViewsAsync(7);
        var (export, key) = await ExportAsync();
        var lines = (await File.ReadAllLinesAsync(export, Ct)).ToList();
        var fourth = lines.FindIndex(l => l.Contains("\"type\":\"record\"", StringComparison.Ordinal) && l.Contains("\"sequence\":4,", StringComparison.Ordinal));
        (lines[fourth], lines[fourth + 1]) = (lines[fourth + 1], lines[fourth]);
        await File.WriteAllLinesAsync(export, lines, Ct);

        Assert.Equal(4, OfflineVerification.VerifyFile(export, await File.ReadAllTextAsync(key, Ct)).FirstInvalidSequence);
    }

    [Fact]
    public async Task A_checkpoint_changed_in_an_export_is_found_offline()
    {
        await RecordViewsAsync(7);
        var (export, key) = await ExportAsync();
        var lines = (await File.ReadAllLinesAsync(export, Ct)).ToList();
        var checkpoint = lines.FindIndex(l => l.Contains("\"type\":\"checkpoint\"", StringComparison.Ordinal) && l.Contains("\"sequence\":3,", StringComparison.Ordinal));
        lines[checkpoint] = lines[checkpoint].Replace("\"sequence\":3,", "\"sequence\":2,", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(export, lines, Ct);

        var result = OfflineVerification.VerifyFile(export, await File.ReadAllTextAsync(key, Ct));

        Assert.False(result.Valid);
        Assert.Equal(2, result.FirstInvalidSequence);
    }

    [Fact]
    public async Task The_persons_extract_says_in_Swedish_who_got_what_when_and_why()
    {
        await _factory.Harness.Bus.Publish(new ReferralStatusChanged
        {
            ReferralId = Guid.NewGuid(), Status = "assigned", SharingParty = "municipality", SharingUnitId = "ovanaker-ips",
            ReceivingParty = "health-care", ReceivingUnitId = "halsingland-psykiatri", PersonRef = Person, Categories = ["ips.plan"],
            Purpose = "ips-support", ConsentId = Guid.NewGuid(), ActingUser = DemoActors.OvanakerCoordinator,
            OccurredAt = new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero),
        }, Ct);
        await Eventually.HoldsAsync(async () => await CountAsync() == 1);
        await RecordViewsAsync(1, at: new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

        using var client = Auditor();
        var extract = (await client.GetFromJsonAsync<JsonNode>($"/audit/persons/{Person}/extract", Ct))!;

        var texts = extract["entries"]!.AsArray().Select(e => e!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(
        [
            "2026-11-23 10:30: Region Gävleborg, Psykiatrin Hälsingland fick IPS-ärendets status och plan från kommunen, för stöd till arbete (IPS).",
            "2026-11-23 11:00: Ovanåkers kommun, IPS-enheten (AME) (Erik Holm) tog del av remiss (anledning, eget mål och önskemål), kontaktuppgifter, för stöd till arbete (IPS).",
        ], texts);
    }

    [Fact]
    public async Task A_view_by_a_unit_that_never_received_anything_about_the_person_is_flagged()
    {
        await RecordViewsAsync(1, viewer: DemoActors.BollnasCoordinator);

        using var client = Auditor();
        var flags = (await client.GetFromJsonAsync<JsonNode>("/audit/flags", Ct))!["items"]!.AsArray();

        Assert.Contains(flags, f => f!["kind"]!.GetValue<string>() == "no-relation" && f["userId"]!.GetValue<string>() == "maria.ek");
    }

    private static readonly Actor AfOfficer = new("per.andersson", "af-officer", "arbetsformedlingen", "af-bollnas");

    /// <summary>The coach schedules a meeting about the person and invites <paramref name="unit"/>, as the coordination service would tell the log.</summary>
    private async Task RecordInvitationAsync(Actor unit, Guid consentId, DateTimeOffset? at = null)
    {
        var before = await CountAsync();
        await _factory.Harness.Bus.Publish(new MeetingParticipantInvited
        {
            MeetingId = Guid.NewGuid(), PersonRef = Person, ParticipantParty = unit.Party, ParticipantUnitId = unit.UnitId!,
            ScheduledAt = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), InvitedBy = DemoActors.OvanakerCoach, ConsentId = consentId,
            OccurredAt = at ?? DateTimeOffset.UtcNow.AddMinutes(-1),
        }, Ct);
        await Eventually.HoldsAsync(async () => await CountAsync() == before + 1);
    }

    private async Task<List<string>> NoRelationFlagsAsync()
    {
        using var client = Auditor();
        return [.. (await client.GetFromJsonAsync<JsonNode>("/audit/flags", Ct))!["items"]!.AsArray()
            .Where(f => f!["kind"]!.GetValue<string>() == "no-relation").Select(f => f!["userId"]!.GetValue<string>())];
    }

    [Fact]
    public async Task A_view_by_a_unit_invited_to_a_meeting_about_the_person_is_not_flagged()
    {
        await RecordInvitationAsync(AfOfficer, Guid.NewGuid());
        await RecordViewsAsync(1, viewer: AfOfficer);

        Assert.DoesNotContain("per.andersson", await NoRelationFlagsAsync());
    }

    [Fact]
    public async Task A_view_by_a_unit_neither_invited_to_a_meeting_nor_sharing_is_flagged_even_when_other_units_were_invited()
    {
        await RecordInvitationAsync(AfOfficer, Guid.NewGuid());
        await RecordViewsAsync(1, viewer: DemoActors.BollnasCoordinator);

        Assert.Contains("maria.ek", await NoRelationFlagsAsync());
    }

    [Fact]
    public async Task A_view_before_the_unit_was_invited_is_flagged_even_if_the_invitation_is_stored_first()
    {
        await RecordInvitationAsync(AfOfficer, Guid.NewGuid(), at: DateTimeOffset.UtcNow.AddMinutes(1));
        await RecordViewsAsync(1, viewer: AfOfficer);

        Assert.Contains("per.andersson", await NoRelationFlagsAsync());
    }

    [Fact]
    public async Task A_meeting_invitation_is_recorded_as_a_disclosure_to_the_invited_unit_under_the_coordination_consent()
    {
        var consentId = Guid.NewGuid();
        await RecordInvitationAsync(AfOfficer, consentId);
        using var client = Auditor();

        var record = Assert.Single((await client.GetFromJsonAsync<JsonNode>($"/audit/records?personRef={Person}&action=meeting-invitation", Ct))!["items"]!.AsArray())!;

        Assert.Equal(
            "meeting-invitation permitted erik.holm municipality/ovanaker-ips -> arbetsformedlingen/af-bollnas meeting coordination " + consentId,
            $"{record["action"]} {record["outcome"]} {record["actor"]!["userId"]} {record["sourceParty"]}/{record["sourceUnitId"]} -> " +
            $"{record["recipientParty"]}/{record["recipientUnitId"]} {string.Join(',', record["categories"]!.AsArray())} {record["purpose"]} {record["consentId"]}");
    }

    [Fact]
    public async Task Every_line_of_the_persons_extract_carries_a_proof_that_its_record_is_in_the_signed_log()
    {
        await RecordViewsAsync(4);
        using var client = Auditor();
        var key = NoteVerifierKey.Parse(await _factory.CreateClient().GetStringAsync("/audit/verifier-key", Ct))!;

        var entries = (await client.GetFromJsonAsync<PersonExtract>($"/audit/persons/{Person}/extract", Ct))!.Entries;

        Assert.Equal(4, entries.Count);
        Assert.All(entries, entry =>
        {
            var record = Convert.FromBase64String(entry.Record!);
            var proof = TlogProof.Parse(entry.Proof!)!;
            Assert.Equal(entry.Sequence - 1, proof.Index);
            Assert.Equal(entry.LeafHash, Convert.ToBase64String(MerkleProofs.LeafHash(record)));
            Assert.True(proof.Proves(record, key), $"line {entry.Sequence}");
            Assert.Contains($"\"sequence\":{entry.Sequence},", System.Text.Encoding.UTF8.GetString(record), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_persons_extract_names_a_unit_invited_to_a_meeting_about_them()
    {
        await RecordInvitationAsync(AfOfficer, Guid.NewGuid(), at: new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero));
        using var client = Auditor();

        var extract = (await client.GetFromJsonAsync<JsonNode>($"/audit/persons/{Person}/extract", Ct))!;

        Assert.Equal(
            "2026-11-23 10:30: Arbetsförmedlingen Bollnäs bjöds in av kommunen till ett samordningsmöte om personen, för samordning mellan myndigheter.",
            Assert.Single(extract["entries"]!.AsArray())!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_burst_of_denials_and_a_view_at_night_are_flagged()
    {
        for (var i = 0; i < 5; i++)
        {
            await _factory.Harness.Bus.Publish(new AccessRecorded { Action = AuditActions.Deny, Actor = DemoActors.BollnasCoordinator, PersonRef = Person, OccurredAt = DateTimeOffset.UtcNow }, Ct);
        }

        await Eventually.HoldsAsync(async () => await CountAsync() == 5);
        await RecordViewsAsync(1, at: new DateTimeOffset(2026, 11, 18, 2, 15, 0, TimeSpan.Zero));

        using var client = Auditor();
        var flags = (await client.GetFromJsonAsync<JsonNode>("/audit/flags?from=2026-01-01T00:00:00Z", Ct))!["items"]!.AsArray();

        Assert.Single(flags, f => f!["kind"]!.GetValue<string>() == "denial-burst");
        Assert.Contains(flags, f => f!["kind"]!.GetValue<string>() == "outside-office-hours" && f["occurredAt"]!.GetValue<DateTimeOffset>().Hour == 2);
    }

    [Fact]
    public async Task The_same_seed_draws_the_same_random_sample()
    {
        await RecordViewsAsync(30);
        using var client = Auditor();

        var first = (await client.GetFromJsonAsync<JsonNode>("/audit/sample?size=5&seed=42", Ct))!;
        var again = (await client.GetFromJsonAsync<JsonNode>("/audit/sample?size=5&seed=42", Ct))!;

        Assert.Equal(30, first["population"]!.GetValue<long>());
        Assert.Equal(5, first["items"]!.AsArray().Count);
        Assert.Equal(first["items"]!.ToJsonString(), again["items"]!.ToJsonString());
    }

    [Fact]
    public async Task A_csv_export_has_a_header_and_one_line_per_matching_record()
    {
        await RecordViewsAsync(4);
        using var client = Auditor();

        var csv = await client.GetStringAsync($"/audit/export?format=csv&personRef={Person}", Ct);

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("sequence,occurredAt", lines[0], StringComparison.Ordinal);
        Assert.Equal(5, lines.Length);
    }

    [Theory]
    [InlineData("/audit/records?party=the-police")]
    [InlineData("/audit/records?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")]
    [InlineData("/audit/records?limit=1000000")]
    [InlineData("/audit/records?cursor=abc'%20OR%201=1")]
    [InlineData("/audit/records?from=yesterday")]
    [InlineData("/audit/records?personRef=198112189876")]
    [InlineData("/audit/sample?size=0")]
    [InlineData("/audit/flags?to=0001-01-01T00:00:00Z")]
    [InlineData("/audit/flags?from=2999-01-01T00:00:00Z")]
    [InlineData("/audit/flags?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")]
    [InlineData("/audit/flags?party=the-police")]
    [InlineData("/audit/records?from=0001-01-01T00:00:00Z")]
    [InlineData("/audit/export?format=xml")]
    [InlineData("/audit/persons/not-a-ref/extract")]
    public async Task Bad_query_parameters_get_400_never_500(string path)
    {
        using var client = Auditor();

        var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
