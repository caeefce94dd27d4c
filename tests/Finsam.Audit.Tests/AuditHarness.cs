using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Finsam.Audit.Checkpoints;
using Finsam.Audit.Proofs;
using Finsam.Transparency;
using Finsam.Audit.Recording;
using Finsam.Audit.Verify;
using Finsam.Audit.Verifying;
using Finsam.Contracts.Audit;
using Finsam.ServiceDefaults.Data;
using Finsam.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Finsam.Audit.Tests;

/// <summary>
/// The audit service alone with a checkpoint every three records and a 30-day retention, and the ways a test
/// reaches its log: record views, tamper with the store, verify online, export and verify offline.
/// </summary>
internal sealed class AuditHarness : IAsyncDisposable
{
    public const string Person = "pr-00000000000000000000000000000def";

    private readonly ServiceTestFactory<AuditService> _factory = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("finsam-export-").FullName;

    /// <summary>The audit writer's clock: moved back while expired records are written, so that they are genuinely old (their times are hashed).</summary>
    private readonly ShiftedClock _writerClock = new();

    /// <summary>
    /// Retention's clock: far in the past until a test applies retention, so that the run the hosted service
    /// makes at start-up, whenever it happens, finds nothing expired.
    /// </summary>
    private readonly ShiftedClock _retentionClock = new() { Offset = TimeSpan.FromDays(-1000) };

    /// <param name="settings">More settings for this harness's audit service.</param>
    /// <param name="services">More replacements, after the harness's own.</param>
    public AuditHarness(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _factory.Settings["Finsam:Audit:CheckpointEvery"] = "3";
        _factory.Settings["Finsam:Audit:CheckpointInterval"] = "01:00:00";
        _factory.Settings["Finsam:Audit:RetentionDays"] = "30";
        _factory.TestServices = collection =>
        {
            collection.AddSingleton(sp => new AuditLog(
                sp.GetRequiredService<ServiceDatabase<AuditService>>(), sp.GetRequiredService<AuditSigningKey>(),
                sp.GetRequiredService<AuditNoteKey>(), sp.GetRequiredService<IOptions<AuditOptions>>(), _writerClock));
            collection.AddSingleton(sp => new Retention(
                sp.GetRequiredService<AuditLog>(), sp.GetRequiredService<ServiceDatabase<AuditService>>(),
                sp.GetRequiredService<IOptions<AuditOptions>>(), _retentionClock, sp.GetRequiredService<ILogger<Retention>>()));
            services?.Invoke(collection);
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _factory.Settings[key] = value;
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string ExportPath => Path.Combine(_folder, "export.jsonl");

    public string KeyPath => Path.Combine(_folder, "key.pem");

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Records <paramref name="count"/> views and waits until all are stored; expired ones are recorded 31 days ago.</summary>
    /// <param name="reason">The views' reason, numbered; any text a person could type.</param>
    public async Task RecordViewsAsync(int count, bool expired = false, string reason = "view")
    {
        _writerClock.Offset = expired ? TimeSpan.FromDays(-31) : TimeSpan.Zero;
        var before = await ScalarAsync("SELECT COUNT(*) FROM audit_records");
        for (var i = 0; i < count; i++)
        {
            await _factory.Harness.Bus.Publish(new AccessRecorded
            {
                Action = AuditActions.View, Actor = DemoActors.OvanakerCoach, PersonRef = Person, Categories = ["referral"],
                Purpose = "ips-support", Reason = $"{reason} {i}", OccurredAt = DateTimeOffset.UtcNow,
            }, Ct);
        }

        await Eventually.HoldsAsync(async () => await ScalarAsync("SELECT COUNT(*) FROM audit_records") == before + count);
        _writerClock.Offset = TimeSpan.Zero;
    }

    public Task<long> ScalarAsync(string sql) => ValueAsync<long>(sql);

    public Task<string> TextAsync(string sql) => ValueAsync<string>(sql);

    private async Task<T> ValueAsync<T>(string sql)
    {
        await using var session = await _factory.Services.GetRequiredService<ServiceDatabase<AuditService>>().ConnectAsync(Ct);
        return await session.ExecuteScalarAsync<T>(sql);
    }

    /// <summary>Changes the store behind the service's back, as someone with database access could.</summary>
    public Task TamperAsync(string sql) => ScalarAsync(sql + "; SELECT 0");

    public async Task<IReadOnlyList<Checkpoint>> StoredCheckpointsAsync()
    {
        await using var session = await _factory.Services.GetRequiredService<ServiceDatabase<AuditService>>().ConnectAsync(Ct);
        return await CheckpointStore.AllAsync(session);
    }

    /// <summary>Applies retention now, as its hourly run would. Returns how many records it removed.</summary>
    public Task<int> ApplyRetentionAsync()
    {
        _retentionClock.Offset = TimeSpan.Zero;
        return _factory.Services.GetRequiredService<Retention>().ApplyAsync(Ct);
    }

    public async Task<JsonNode> VerifyOnlineAsync(Checkpoint? held = null)
    {
        using var client = _factory.ClientWithGrant("audit", DemoActors.JointAuditor, purpose: "audit");
        var query = held is null ? "" : $"?trustedSequence={held.Sequence}&trustedHeadHash={held.HeadHash}";
        return (await client.GetFromJsonAsync<JsonNode>("/audit/verify" + query, Ct))!;
    }

    /// <summary>A client without a grant: what a witness or a verifier outside Finsam has.</summary>
    public HttpClient PublicClient() => _factory.CreateClient();

    public T Service<T>()
        where T : notnull => _factory.Services.GetRequiredService<T>();

    public HttpClient AuditorClient() => _factory.ClientWithGrant("audit", DemoActors.JointAuditor, purpose: "audit");

    /// <summary>Downloads the JSON Lines export and the public key into files, as an auditor would, and returns the export's lines.</summary>
    public async Task<List<string>> ExportAsync()
    {
        using var client = _factory.ClientWithGrant("audit", DemoActors.JointAuditor, purpose: "audit");
        await File.WriteAllTextAsync(ExportPath, await client.GetStringAsync("/audit/export?format=jsonl", Ct), Ct);
        await File.WriteAllTextAsync(KeyPath, await client.GetStringAsync("/audit/public-key", Ct), Ct);
        return [.. await File.ReadAllLinesAsync(ExportPath, Ct)];
    }

    /// <summary>Writes <paramref name="lines"/> as the export and verifies it offline with the published key.</summary>
    /// <param name="held">Lines the auditor kept from before (a checkpoint line or an earlier export), if any.</param>
    public async Task<VerificationResult> VerifyOfflineAsync(IEnumerable<string> lines, IEnumerable<string>? held = null)
    {
        await File.WriteAllLinesAsync(ExportPath, lines, Ct);
        if (held is not null)
        {
            await File.WriteAllLinesAsync(HeldPath, held, Ct);
        }

        return OfflineVerification.VerifyFile(ExportPath, await File.ReadAllTextAsync(KeyPath, Ct), held is null ? null : HeldPath);
    }

    /// <summary>Where a test keeps the checkpoint an auditor holds from an earlier export.</summary>
    public string HeldPath => Path.Combine(_folder, "held.jsonl");

    public static bool IsRecord(string line, long sequence) => Is(line, "record", sequence);

    public static bool IsCheckpoint(string line, long sequence) => Is(line, "checkpoint", sequence);

    private static bool Is(string line, string type, long sequence) =>
        line.StartsWith($"{{\"type\":\"{type}\",\"sequence\":{sequence},", StringComparison.Ordinal);

    /// <summary>The system clock moved by <see cref="Offset"/>; timers stay the system's.</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        private long _offsetTicks;

        public TimeSpan Offset
        {
            get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
            set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
        }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
    }
}
