using Finsam.Agencies.Systems;

namespace Finsam.Agencies.FollowUp;

/// <summary>What an agency's system says about a person now, as the line a coach reads.</summary>
public interface IAgencyStatus<TService>
    where TService : IAgencyService
{
    Task<string> DescribeAsync(string personRef, CancellationToken cancellationToken);
}

/// <summary>Asks the agency's system (simulator or HTTP client, whichever is configured) and words the answer.</summary>
public sealed class AgencyStatus<TService, TRecord>(IAgencySystem<TRecord> system, IAgencyWording<TRecord> wording) : IAgencyStatus<TService>
    where TService : IAgencyService
    where TRecord : class
{
    public async Task<string> DescribeAsync(string personRef, CancellationToken cancellationToken) =>
        wording.Describe(await system.FindAsync(personRef, cancellationToken));
}
