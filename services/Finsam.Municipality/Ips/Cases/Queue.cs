using Finsam.Contracts.Api.Ips;
using Finsam.ServiceDefaults.Disclosures;
using Finsam.Contracts.Codes;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Municipality.Ips.Cases;

/// <summary>
/// The unit's waiting list, oldest first, with how long each person has waited (a quality measure in IPS), who referred
/// them, and their name when the gateway's grant covers <c>contact</c>: then each referrer's name shown is a view of the
/// referrer's data under the referral's consent. A self-referral's name is the unit's own record.
/// </summary>
public static class Queue
{
    public static void MapQueue(this RouteGroupBuilder group) =>
        group.MapGet("/queue", HandleAsync).WithSummary("Referrals waiting in the caller's IPS unit, oldest first");

    private static async Task<Results<Ok<List<QueueEntry>>, ProblemHttpResult>> HandleAsync(
        Grant grant, ServiceDatabase<MunicipalityService> database, TimeProvider clock, HttpContext context, CancellationToken cancellationToken)
    {
        context.DiscloseNothing();
        if (grant.Actor.Role != Roles.Coordinator || grant.Actor.Party != Parties.Municipality || grant.Actor.UnitId is null)
        {
            return Problems.Forbidden("Kön visas bara för IPS-enhetens samordnare.");
        }

        await using var session = await database.ConnectAsync(cancellationToken);
        var today = SwedishTime.Today(clock);
        var queue = await CaseStore.QueueAsync(session, grant.Actor.UnitId);
        var showsNames = grant.Covers(DataCategories.Contact);
        foreach (var shown in queue.Where(c => showsNames && !c.SelfReferral))
        {
            context.Disclose(new Disclosure(shown.PersonRef, shown.ReferringParty, [DataCategories.Contact], Purposes.IpsSupport, shown.ConsentId));
        }

        return TypedResults.Ok(queue
            .Select(c => new QueueEntry(
                c.CaseId, c.PersonRef, c.ReceivedAt, WaitingDays(c.ReceivedAt, today), c.ReferringUnitName,
                showsNames || c.SelfReferral ? c.Contact.Name : null, c.ReferringParty, c.ReferringUnitId, c.SelfReferral))
            .ToList());
    }

    private static int WaitingDays(DateTimeOffset receivedAt, DateOnly today) => today.DayNumber - SwedishTime.DateOf(receivedAt).DayNumber;
}
