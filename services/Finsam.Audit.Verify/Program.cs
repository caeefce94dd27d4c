using Finsam.Audit.Verify;

// dotnet run --project services/Finsam.Audit.Verify -- export.jsonl --public-key key.pem [--trusted-checkpoint earlier.jsonl]
// dotnet run --project services/Finsam.Audit.Verify -- --tlog-proof record.tlog-proof --leaf record.json --verifier-key audit.vkey [--witness-key w.vkey]
//   (with witness keys, as many cosignatures as keys are required unless --cosignatures says fewer)
const string Usage = """
    usage: Finsam.Audit.Verify <export.jsonl> --public-key <key.pem> [--trusted-checkpoint <checkpoint.jsonl> | --previous-export <earlier.jsonl>]
           Finsam.Audit.Verify --tlog-proof <record.tlog-proof> --leaf <record.json> --verifier-key <audit.vkey> [--witness-key <witness.vkey> ...] [--cosignatures <N>]
    """;
string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

if (Option("--tlog-proof") is { } proofPath)
{
    var witnessKeyPaths = args.Select((a, i) => (a, i)).Where(x => x.a == "--witness-key" && x.i + 1 < args.Length).Select(x => args[x.i + 1]).ToList();
    var required = witnessKeyPaths.Count;
    var countGiven = Option("--cosignatures") is not { } count || int.TryParse(count, out required);
    if (Option("--leaf") is not { } leafPath || Option("--verifier-key") is not { } verifierKeyPath || !countGiven || required < 0 ||
        args.Length != 6 + (2 * witnessKeyPaths.Count) + (Option("--cosignatures") is null ? 0 : 2))
    {
        Console.Error.WriteLine(Usage);
        return 2;
    }

    try
    {
        var proof = ProofVerification.Verify(
            File.ReadAllText(proofPath), File.ReadAllBytes(leafPath), File.ReadAllText(verifierKeyPath), [.. witnessKeyPaths.Select(File.ReadAllText)], required);
        Console.WriteLine($"{(proof.Valid ? "VALID" : "INVALID")}: {proof.Message}");
        return proof.Valid ? 0 : 1;
    }
    catch (Exception exception) when (exception is IOException or FormatException)
    {
        Console.Error.WriteLine($"Cannot verify: {exception.Message}");
        return 2;
    }
}

string[] options = ["--public-key", "--trusted-checkpoint", "--previous-export"];

var values = options.Select(Option).OfType<string>().ToHashSet();
var exportPath = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !values.Contains(a));
var keyPath = Option("--public-key");
// An earlier export holds the checkpoints the auditor already saw, so both options mean the same: the newest one must still hold.
var trustedPath = Option("--trusted-checkpoint") ?? Option("--previous-export");
if (exportPath is null || keyPath is null || args.Any(a => a.StartsWith("--", StringComparison.Ordinal) && (!options.Contains(a) || Option(a) is null)))
{
    Console.Error.WriteLine(Usage);
    return 2;
}

try
{
    var result = OfflineVerification.VerifyFile(exportPath, File.ReadAllText(keyPath), trustedPath);
    if (!result.Valid)
    {
        Console.WriteLine($"INVALID at sequence {result.FirstInvalidSequence}: {result.Problem}");
        Console.WriteLine($"  {result.Records} records verified before it.");
        return 1;
    }

    Console.WriteLine($"VALID: {result.Records} records, head {result.HeadHash}");
    if (result.RetentionCut is { } cut)
    {
        Console.WriteLine($"  records 1 to {cut.Sequence} were removed by retention: signed cut at {cut.SignedAt:O} (key {cut.KeyId})");
    }

    Console.WriteLine(result.LastCheckpoint is { } checkpoint
        ? $"  last signed checkpoint: record {checkpoint.Sequence} at {checkpoint.SignedAt:O} (key {checkpoint.KeyId})"
        : "  no signed checkpoint yet: the records are consistent, but nothing vouches for the head.");
    if (trustedPath is not null)
    {
        Console.WriteLine($"  still holds the newest checkpoint in {trustedPath}");
    }

    return 0;
}
catch (Exception exception) when (exception is IOException or FormatException or System.Text.Json.JsonException or System.Security.Cryptography.CryptographicException or ArgumentException)
{
    Console.Error.WriteLine($"Cannot verify: {exception.Message}");
    return 2;
}
