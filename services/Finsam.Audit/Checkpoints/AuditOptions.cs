namespace Finsam.Audit.Checkpoints;

/// <summary>Settings under <c>Finsam:Audit</c>.</summary>
public sealed class AuditOptions
{
    /// <summary>
    /// The log's identity in its <c>c2sp.org/tlog-checkpoint</c> notes, and the name of the key that signs them: a schema-less
    /// URL unique to this log (docs/adr/0036). Witnesses and verifiers pin it.
    /// </summary>
    public string Origin { get; set; } = "finsam.example/audit/v1";

    /// <summary>
    /// The witnesses that cosign the log's checkpoints (c2sp.org/tlog-witness), run by other bodies: each new tree head is
    /// submitted to each with a consistency proof from the last one it cosigned (docs/adr/0037).
    /// </summary>
    public List<AuditWitness> Witnesses { get; set; } = [];

    /// <summary>How often the newest tree head is offered to the witnesses that have not cosigned it.</summary>
    public TimeSpan WitnessInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Sign a checkpoint after this many new records...</summary>
    public int CheckpointEvery { get; set; } = 1000;

    /// <summary>...or after this long, whichever comes first (when there is anything new).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Group commit: at most this many records share one transaction and one fsync; the audit queue also takes this many
    /// messages at once, so that a burst can fill a batch. Each message is acknowledged only after its batch committed.
    /// </summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>
    /// How long the writer waits for more records before it commits what it has. Zero (the default) commits at once:
    /// under load the next batch gathers while the current one commits, so it costs a lone record no latency.
    /// </summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// <c>/audit/verify</c> reads a log of at least this many records in two parts side by side, one per core (ADR 0044):
    /// below it, starting a second reader costs more than it saves. Null reads every log in one pass.
    /// </summary>
    public long? VerifyInPartsFrom { get; set; } = 200_000;

    /// <summary>Records older than this are removed, keeping a signed checkpoint at the cut. Null keeps everything.</summary>
    public int? RetentionDays { get; set; }

    /// <summary>Views and denials outside these hours (Swedish time, weekdays) are flagged for a human look.</summary>
    public TimeOnly OfficeHoursStart { get; set; } = new(7, 0);

    public TimeOnly OfficeHoursEnd { get; set; } = new(18, 0);

    /// <summary>This many denials for one user within <see cref="DenialBurstWindow"/> is flagged.</summary>
    public int DenialBurstCount { get; set; } = 5;

    public TimeSpan DenialBurstWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether a person's extract names individual staff, or only their units.</summary>
    public bool ExtractNamesStaff { get; set; }

    /// <summary>
    /// The user ids who review every party's records (the association's data protection officer). Everyone else
    /// with the auditor role reviews their own party's (docs/adr/0020).
    /// </summary>
    public List<string> JointAuditors { get; set; } = [];
}

/// <summary>A witness of the log: where it takes checkpoints (its submission prefix) and its cosignature verifier key.</summary>
public sealed class AuditWitness
{
    public string Url { get; set; } = "";

    public string VerifierKey { get; set; } = "";
}
