using Finsam.Consent.Recording;
using Finsam.Consent.Store;
using Finsam.Contracts.Api.Consents;
using Finsam.Contracts.Persons;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Consent.Listing;

public static class ListConsents
{
    public static void MapListConsents(this RouteGroupBuilder group) =>
        group.MapGet("/persons/{personRef}/consents", HandleAsync).WithSummary("A person's consents: active, expired and revoked");

    private static async Task<Results<Ok<List<ConsentResponse>>, ValidationProblem>> HandleAsync(
        string personRef, Grant grant, ServiceDatabase<ConsentService> database, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!PersonRef.IsValid(personRef))
        {
            return Problems.Invalid("personRef", "Okänd personreferens.");
        }

        await using var session = await database.ConnectAsync(cancellationToken);
        var today = SwedishTime.Today(clock);
        var consents = await ConsentQueries.ForPersonAsync(session, personRef);
        return TypedResults.Ok(consents.Where(c => c.Concerns(grant.Actor)).Select(c => c.AsSeenBy(grant.Actor).ToResponse(today)).ToList());
    }
}
