using System.Collections.Concurrent;

namespace Finsam.Distributed.Tests.Cluster;

/// <summary>Many clinicians referring many persons at once, each with the person's consent, through the gateway.</summary>
public static class ReferralLoad
{
    /// <summary>Submits <paramref name="count"/> referrals from <paramref name="concurrency"/> clients; returns their ids.</summary>
    public static async Task<IReadOnlyCollection<Guid>> SubmitAsync(FinsamClient client, int count, int concurrency = 8)
    {
        var referrals = new ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = TestContext.Current.CancellationToken }, async (_, _) =>
        {
            var personRef = await client.LookUpAsync(FinsamClient.NewPersonnummer());
            await client.RecordReferralConsentAsync(personRef);
            referrals.Add(await client.SubmitReferralAsync(personRef));
        });
        return referrals;
    }
}
