using Finsam.Audit.Verify;

// dotnet run --project services/Finsam.Audit.Verify -- export.jsonl --public-key key.pem
var keyIndex = Array.IndexOf(args, "--public-key");
var exportPath = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && (keyIndex < 0 || a != args.ElementAtOrDefault(keyIndex + 1)));
if (exportPath is null || keyIndex < 0 || keyIndex + 1 >= args.Length)
{
    Console.Error.WriteLine("usage: Finsam.Audit.Verify <export.jsonl> --public-key <key.pem>");
    return 2;
}

try
{
    var result = OfflineVerification.VerifyFile(exportPath, File.ReadAllText(args[keyIndex + 1]));
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
    return 0;
}
catch (Exception exception) when (exception is IOException or FormatException or System.Text.Json.JsonException or System.Security.Cryptography.CryptographicException or ArgumentException)
{
    Console.Error.WriteLine($"Cannot verify: {exception.Message}");
    return 2;
}
