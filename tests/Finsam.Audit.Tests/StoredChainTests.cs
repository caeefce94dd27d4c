using System.Globalization;

namespace Finsam.Audit.Tests;

/// <summary>
/// On SQLite the service verifies the stored chain from the rows' bytes (<c>SqliteChainReader</c>), not from records; it
/// must reach the same answer as a checker that reads records, and notice what a record-reading checker notices.
/// </summary>
public sealed class StoredChainTests : IAsyncLifetime
{
    private readonly AuditHarness _audit = new();

    public async ValueTask InitializeAsync() => await _audit.RecordViewsAsync(4, reason: "Läste \"planen\" – <åter> & 'sedan'");

    public ValueTask DisposeAsync() => _audit.DisposeAsync();

    [Fact]
    public async Task Swedish_text_and_quotes_verify_from_the_store_with_the_head_the_offline_checker_finds_in_the_export()
    {
        var online = await _audit.VerifyOnlineAsync();
        var offline = await _audit.VerifyOfflineAsync(await _audit.ExportAsync());

        Assert.True(online["valid"]!.GetValue<bool>(), online.ToJsonString());
        Assert.True(offline.Valid, offline.Problem);
        Assert.Equal(offline.HeadHash, online["headHash"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_time_stored_with_another_offset_for_the_same_instant_still_verifies()
    {
        var stored = DateTimeOffset.Parse(await _audit.TextAsync("SELECT occurred_at FROM audit_records WHERE sequence = 2"), CultureInfo.InvariantCulture);
        await _audit.TamperAsync($"UPDATE audit_records SET occurred_at = '{stored.ToOffset(TimeSpan.FromHours(1)):yyyy-MM-dd HH:mm:ss.fffffffzzz}' WHERE sequence = 2");

        var online = await _audit.VerifyOnlineAsync();

        Assert.True(online["valid"]!.GetValue<bool>(), online.ToJsonString());
    }

    [Fact]
    public async Task A_time_moved_by_a_tenth_of_a_microsecond_is_found_at_its_record()
    {
        var stored = DateTimeOffset.Parse(await _audit.TextAsync("SELECT recorded_at FROM audit_records WHERE sequence = 3"), CultureInfo.InvariantCulture);
        await _audit.TamperAsync($"UPDATE audit_records SET recorded_at = '{stored.AddTicks(1):yyyy-MM-dd HH:mm:ss.fffffffzzz}' WHERE sequence = 3");

        var online = await _audit.VerifyOnlineAsync();

        Assert.False(online["valid"]!.GetValue<bool>());
        Assert.Equal(3, online["firstInvalidSequence"]!.GetValue<long>());
    }

    [Fact]
    public async Task Text_that_is_no_time_at_all_is_found_at_its_record_rather_than_failing_the_verification()
    {
        await _audit.TamperAsync("UPDATE audit_records SET occurred_at = 'igår' WHERE sequence = 2");

        var online = await _audit.VerifyOnlineAsync();

        Assert.False(online["valid"]!.GetValue<bool>());
        Assert.Equal(2, online["firstInvalidSequence"]!.GetValue<long>());
    }
}
