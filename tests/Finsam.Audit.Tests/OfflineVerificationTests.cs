using System.Diagnostics;

namespace Finsam.Audit.Tests;

/// <summary>An export tampered with after it left the service is found offline, by the library and by the command-line tool.</summary>
public sealed class OfflineVerificationTests : IAsyncLifetime
{
    private readonly AuditHarness _audit = new();

    public async ValueTask InitializeAsync() => await _audit.RecordViewsAsync(7);

    public ValueTask DisposeAsync() => _audit.DisposeAsync();

    [Fact]
    public async Task A_changed_hash_in_an_export_is_found_offline_at_its_record()
    {
        var lines = await _audit.ExportAsync();
        var fifth = lines.FindIndex(l => AuditHarness.IsRecord(l, 5));
        var hash = System.Text.Json.Nodes.JsonNode.Parse(lines[fifth])!["hash"]!.GetValue<string>();
        lines[fifth] = lines[fifth].Replace($"\"hash\":\"{hash}\"", $"\"hash\":\"{new string('f', 64)}\"", StringComparison.Ordinal);

        var result = await _audit.VerifyOfflineAsync(lines);

        Assert.False(result.Valid);
        Assert.Equal(5, result.FirstInvalidSequence);
    }

    [Fact]
    public async Task A_record_deleted_from_the_middle_of_an_export_is_found_offline_at_its_sequence()
    {
        var lines = await _audit.ExportAsync();
        lines.RemoveAll(l => AuditHarness.IsRecord(l, 4));

        var result = await _audit.VerifyOfflineAsync(lines);

        Assert.False(result.Valid);
        Assert.Equal(4, result.FirstInvalidSequence);
    }

    [Fact]
    public async Task The_verify_tool_exits_0_and_says_valid_for_an_untouched_export()
    {
        await _audit.ExportAsync();

        var (exitCode, output) = await RunVerifyToolAsync(_audit.ExportPath, _audit.KeyPath);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("VALID: 7 records", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_verify_tool_exits_1_and_names_the_first_missing_record_of_an_export_cut_at_its_start()
    {
        var lines = await _audit.ExportAsync();
        lines.RemoveAll(l => Enumerable.Range(1, 5).Any(s => AuditHarness.IsRecord(l, s)));
        await File.WriteAllLinesAsync(_audit.ExportPath, lines, TestContext.Current.CancellationToken);

        var (exitCode, output) = await RunVerifyToolAsync(_audit.ExportPath, _audit.KeyPath);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("INVALID at sequence 1:", output, StringComparison.Ordinal);
    }

    /// <summary>Runs the built Finsam.Audit.Verify (copied next to the tests) as an auditor would, in a process of its own.</summary>
    internal static Task<(int ExitCode, string Output)> RunVerifyToolAsync(string export, string key, params string[] options) =>
        RunVerifyToolAsync([export, "--public-key", key, .. options]);

    /// <summary>Runs the built Finsam.Audit.Verify with <paramref name="arguments"/>.</summary>
    internal static async Task<(int ExitCode, string Output)> RunVerifyToolAsync(string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments.Prepend(Path.Combine(AppContext.BaseDirectory, "Finsam.Audit.Verify.dll")))
        {
            start.ArgumentList.Add(argument);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(string.IsNullOrEmpty(await error), await error);
        return (process.ExitCode, await output);
    }

    /// <summary>The dotnet host that runs these tests (the SDK sets DOTNET_HOST_PATH), else the one on the PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
}
