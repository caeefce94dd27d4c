namespace Finsam.Distributed.Tests.Cluster;

/// <summary>The counts a failure test asserts once the system has settled: each read straight from a service's store.</summary>
public static class ExactlyOnce
{
    private static readonly TimeSpan Settling = TimeSpan.FromMinutes(4);

    /// <summary>Every referral the clinicians sent is one case in the IPS queue and one "received" back at health care.</summary>
    public static async Task EveryReferralIsQueuedOnceAsync(FinsamCluster cluster, IReadOnlyCollection<Guid> referrals)
    {
        await FinsamClient.EventuallyAsync(
            async () => await cluster.QueryStoreAsync<long>("healthcare", "SELECT COUNT(DISTINCT referral_id) FROM referral_history WHERE status = 'received'") == referrals.Count ? "settled" : null,
            Settling);

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
    public static async Task EveryEventIsAuditedOnceAsync(FinsamCluster cluster)
    {
        string[] services = ["gateway", "consent", "healthcare", "municipality"];
        await FinsamClient.EventuallyAsync(async () => (await cluster.AuditGapAsync(services)).Missing.Count == 0 ? "settled" : null, Settling);

        var (missing, unexpected) = await cluster.AuditGapAsync(services);
        Assert.Empty(missing);
        Assert.Empty(unexpected);
        var verify = await cluster.Client.GetJsonAsync(FinsamClient.Auditor, "/api/audit/verify");
        Assert.True(verify["valid"]!.GetValue<bool>(), verify.ToJsonString());
    }
}
