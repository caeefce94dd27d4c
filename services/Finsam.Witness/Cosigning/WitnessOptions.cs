namespace Finsam.Witness.Cosigning;

/// <summary>Settings under <c>Finsam:Witness</c>.</summary>
public sealed class WitnessOptions
{
    /// <summary>The witness's key name, a schema-less URL (e.g. <c>witness.regiongavleborg.se/w1</c>).</summary>
    public string Name { get; set; } = "witness.example/finsam";

    /// <summary>The logs this witness cosigns: each log's origin is its key's name.</summary>
    public List<WitnessedLog> Logs { get; set; } = [];

    /// <summary>The largest request body taken: an old size line, at most 63 proof lines and a checkpoint with its signatures.</summary>
    public int MaxRequestBytes { get; set; } = 64 * 1024;
}

/// <summary>A log the witness cosigns, known by its note verifier key (whose name is the log's origin).</summary>
public sealed class WitnessedLog
{
    public string VerifierKey { get; set; } = "";
}
