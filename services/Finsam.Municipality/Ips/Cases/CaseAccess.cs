using Finsam.Contracts.Audit;
using Finsam.Contracts.Codes;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;

namespace Finsam.Municipality.Ips.Cases;

/// <summary>Finds a case for a caller, and records the attempt when the case is not theirs to see.</summary>
public static class CaseAccess
{
    public static async Task<IpsCase?> FindVisibleAsync(
        ServiceDatabase<MunicipalityService> database, Guid caseId, Grant grant, TimeProvider clock, CancellationToken cancellationToken)
    {
        IpsCase? ipsCase;
        await using (var read = await database.ConnectAsync(cancellationToken))
        {
            ipsCase = await CaseStore.FindAsync(read, caseId);
        }

        if (ipsCase is null || ipsCase.IsVisibleTo(grant.Actor))
        {
            return ipsCase;
        }

        await using var denial = await database.BeginAsync(cancellationToken);
        await denial.EnqueueAsync(AccessRecorded.Denial(
            grant.Actor, ipsCase.PersonRef, Parties.Municipality, grant.Actor.Party, grant.Actor.UnitId, [DataCategories.IpsPlan], grant.Purpose,
            "not-case-participant", clock.GetUtcNow()));
        await denial.CommitAsync();
        return null;
    }
}
