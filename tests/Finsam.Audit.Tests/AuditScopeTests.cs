using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Data;
using Finsam.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.Audit.Tests;

/// <summary>
/// Log follow-up per authority: the municipality's auditor reviews the records where the municipality is the
/// source, the recipient or the acting party; the joint auditor reviews all (docs/adr/0020).
/// </summary>
public sealed class AuditScopeTests : IAsyncLifetime
{
    private const string Person = "pr-00000000000000000000000000000def";
    private static readonly Actor FkOfficer = new("eva.karlsson", "fk-officer", "forsakringskassan", "fk-gavle");

    private readonly ServiceTestFactory<AuditService> _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // Health care shows FK the work capacity (nothing of the municipality's); the coach views the IPS plan.
        await PublishAsync(new AccessRecorded
        {
            Action = AuditActions.View, Actor = FkOfficer, PersonRef = Person, SourceParty = "health-care", RecipientParty = "forsakringskassan",
            Categories = ["health.workcapacity"], Purpose = "coordination", Reason = "between health care and FK", OccurredAt = DateTimeOffset.UtcNow,
        });
        await PublishAsync(new AccessRecorded
        {
            Action = AuditActions.View, Actor = DemoActors.OvanakerCoach, PersonRef = Person, SourceParty = "municipality", RecipientParty = "municipality",
            Categories = ["ips.plan"], Purpose = "coordination", Reason = "within the municipality", OccurredAt = DateTimeOffset.UtcNow,
        });
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_municipal_auditor_neither_sees_nor_counts_a_record_between_health_care_and_fk()
    {
        using var auditor = _factory.ClientWithGrant("audit", DemoActors.Auditor, purpose: "audit");

        var reasons = await ReasonsAsync(auditor, $"/audit/records?personRef={Person}");
        var sample = (await auditor.GetFromJsonAsync<JsonNode>($"/audit/sample?personRef={Person}&size=10", Ct))!;
        var extract = (await auditor.GetFromJsonAsync<JsonNode>($"/audit/persons/{Person}/extract", Ct))!;

        Assert.Equal(["within the municipality"], reasons);
        Assert.Equal(1, sample["population"]!.GetValue<long>());
        Assert.Equal(1, extract["accesses"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_joint_auditor_sees_every_partys_records()
    {
        using var auditor = _factory.ClientWithGrant("audit", DemoActors.JointAuditor, purpose: "audit");

        var reasons = await ReasonsAsync(auditor, $"/audit/records?personRef={Person}");

        Assert.Equal(["between health care and FK", "within the municipality"], reasons);
    }

    [Fact]
    public async Task Flags_list_only_the_records_in_the_auditors_scope()
    {
        // Both views came without a share or an invitation before them: each is flagged "no-relation" for whoever may see it.
        using var municipal = _factory.ClientWithGrant("audit", DemoActors.Auditor, purpose: "audit");
        using var joint = _factory.ClientWithGrant("audit", DemoActors.JointAuditor, purpose: "audit");

        var seenByMunicipal = await FlaggedUsersAsync(municipal);
        var seenByJoint = await FlaggedUsersAsync(joint);

        Assert.Equal([DemoActors.OvanakerCoach.UserId], seenByMunicipal);
        Assert.Equal([DemoActors.OvanakerCoach.UserId, FkOfficer.UserId], seenByJoint.Order(StringComparer.Ordinal));
    }

    private static async Task<List<string>> FlaggedUsersAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonNode>("/audit/flags", Ct))!["items"]!.AsArray()
            .Where(f => f!["kind"]!.GetValue<string>() == "no-relation" && f["personRef"]?.GetValue<string>() == Person)
            .Select(f => f!["userId"]!.GetValue<string>()).Distinct()];

    [Fact]
    public async Task Only_the_joint_auditor_exports_the_whole_chain_and_an_authority_exports_its_own_records_as_csv()
    {
        using var municipal = _factory.ClientWithGrant("audit", DemoActors.Auditor, purpose: "audit");

        var chain = await municipal.GetAsync("/audit/export?format=jsonl", Ct);
        var csv = await municipal.GetStringAsync($"/audit/export?format=csv&personRef={Person}", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, chain.StatusCode);
        Assert.Contains("within the municipality", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("between health care and FK", csv, StringComparison.Ordinal);
    }

    private static async Task<List<string>> ReasonsAsync(HttpClient client, string route) =>
        [.. (await client.GetFromJsonAsync<JsonNode>(route, Ct))!["items"]!.AsArray().Select(r => r!["reason"]!.GetValue<string>())];

    private async Task PublishAsync(AccessRecorded record)
    {
        var before = await CountAsync();
        await _factory.Harness.Bus.Publish(record, Ct);
        await Eventually.HoldsAsync(async () => await CountAsync() == before + 1);
    }

    private async Task<long> CountAsync()
    {
        await using var session = await _factory.Services.GetRequiredService<ServiceDatabase<AuditService>>().ConnectAsync(Ct);
        return await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_records");
    }
}
