namespace Finsam.Distributed.Tests.Cluster;

/// <summary>The counts a failure test asserts once the system has settled: each read straight from a service's store.</summary>
public static class ExactlyOnce
{
    private static readonly TimeSpan Settling = TimeSpan.FromMinutes(4);

    /// <summary>Every referral the clinicians sent is one case in the IPS queue and one "received" back at health care.</summary>
    public static async Task EveryReferralIsQueuedOnceAsync(FinsamCluster cluster, IReadOnlyCollection<Guid> referrals)
    {
        await SettleAsync(async () =>
        {
            var received = await cluster.QueryStoreAsync<long>("healthcare", "SELECT COUNT(DISTINCT referral_id) FROM referral_history WHERE status = 'received'");
            var queued = await cluster.QueryStoreAsync<long>("municipality", "SELECT COUNT(*) FROM ips_cases");
            var pending = await cluster.QueryStoreAsync<long>("municipality", "SELECT COUNT(*) FROM ips_cases WHERE report_pending = 1");
            var failed = await cluster.Broker.MessageCountAsync(cluster.VirtualHost, "municipality_error");
            var waiting = await cluster.Broker.MessageCountAsync(cluster.VirtualHost, "municipality");
            return (received == referrals.Count, $"{queued} of {referrals.Count} referrals queued, {received} received back at health care, " +
                $"{pending} reports waiting for a consent decision, {waiting} ready in the municipality queue, {failed} in municipality_error; " +
                await OutboxOfMissingAsync(cluster));
        });

        var sent = await cluster.StoreIdsAsync("healthcare", "SELECT referral_id FROM referrals");
        var queued = await cluster.StoreIdsAsync("municipality", "SELECT referral_id FROM ips_cases");
        Assert.Equal(referrals.Count, sent.Count);
        Assert.True(sent.SetEquals(referrals.Select(r => r.ToString())), "Health care stored other referrals than were submitted.");
        Assert.True(queued.SetEquals(sent), $"{sent.Except(queued).Count()} referrals never reached the queue; {queued.Except(sent).Count()} cases came from nowhere.");
        Assert.Equal(referrals.Count, await cluster.QueryStoreAsync<long>("municipality", "SELECT COUNT(*) FROM ips_cases"));
        Assert.Equal(referrals.Count, await cluster.QueryStoreAsync<long>("healthcare", "SELECT COUNT(*) FROM referral_history WHERE status = 'received'"));
        Assert.Equal(0u, await cluster.Broker.MessageCountAsync(cluster.VirtualHost, "municipality_error"));
    }

    /// <summary>Every message the services committed (each a share, view, denial or consent event) is exactly one audit record.</summary>
    public static Task EveryEventIsAuditedOnceAsync(FinsamCluster cluster) =>
        EveryEventIsAuditedOnceAsync(cluster, ["gateway", "consent", "healthcare", "municipality"]);

    /// <summary>The same, for the audited events of <paramref name="services"/>, which must be all that send any.</summary>
    public static async Task EveryEventIsAuditedOnceAsync(FinsamCluster cluster, string[] services)
    {
        await SettleAsync(async () =>
        {
            var (missing, _) = await cluster.AuditGapAsync(services);
            return (missing.Count == 0, $"{missing.Count} events without an audit record");
        });

        var (missing, unexpected) = await cluster.AuditGapAsync(services);
        Assert.Empty(missing);
        Assert.Empty(unexpected);
        var verify = await cluster.Client.GetJsonAsync(FinsamClient.Auditor, "/api/audit/verify");
        Assert.True(verify["valid"]!.GetValue<bool>(), verify.ToJsonString());
    }

    /// <summary>Where the referrals that never reached the queue are in health care's outbox: sent or not, tries, last error.</summary>
    private static async Task<string> OutboxOfMissingAsync(FinsamCluster cluster)
    {
        var missing = (await cluster.StoreIdsAsync("healthcare", "SELECT referral_id FROM referrals"))
            .Except(await cluster.StoreIdsAsync("municipality", "SELECT referral_id FROM ips_cases")).Take(5).ToList();
        var rows = new List<string>();
        foreach (var referral in missing)
        {
            rows.AddRange(await cluster.StoreIdsAsync("healthcare",
                $"SELECT message_id || ' sent ' || COALESCE(sent_at, 'never') || ' after ' || attempts || ' tries, ' || COALESCE(last_error, 'no error') FROM outbox_messages WHERE body LIKE '%{Guid.Parse(referral)}%' AND message_type LIKE '%ReferralSubmitted'"));
        }

        return rows.Count == 0 ? "none missing" : "the outbox of some missing: " + string.Join("; ", rows);
    }

    /// <summary>Waits until <paramref name="probe"/> says settled; if it never does, fails with what it saw last.</summary>
    public static async Task SettleAsync(Func<Task<(bool Settled, string State)>> probe)
    {
        var state = "nothing seen yet";
        try
        {
            await FinsamClient.EventuallyAsync(async () =>
            {
                (var settled, state) = await probe();
                return settled ? "settled" : null;
            }, Settling);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Not settled within {Settling}: {state}.");
        }
    }
}
