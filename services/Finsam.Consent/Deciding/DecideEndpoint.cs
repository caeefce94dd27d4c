using Finsam.Consent.Blocking;
using Finsam.Consent.Store;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Persons;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Consent.Deciding;

public static class DecideEndpoint
{
    public static void MapDecide(this RouteGroupBuilder group) =>
        group.MapPost("/decisions", DecideAsync).WithSummary("May a party (and unit) receive these categories about a person for a purpose now?");

    private static async Task<Results<Ok<ConsentDecision>, ValidationProblem>> DecideAsync(
        ConsentDecisionRequest request, ServiceDatabase<ConsentService> database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Require(PersonRef.IsValid(request.PersonRef), "personRef", "Okänd personreferens.")
            .Require(Parties.IsValid(request.RecipientParty), "recipientParty", "Okänd part.")
            .Require(Purposes.IsValid(request.Purpose), "purpose", "Okänt ändamål.")
            .Require(request.Categories is { Count: > 0 } && request.Categories.All(DataCategories.IsValid), "categories", "Ange kända informationskategorier.");
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        await using var session = await database.ConnectAsync(cancellationToken);
        var consents = await ConsentQueries.ForPersonAsync(session, request.PersonRef);
        var blocks = await BlockQueries.ForPersonAsync(session, request.PersonRef);
        return TypedResults.Ok(ConsentPolicy.Decide(consents, blocks, request, SwedishTime.Today(clock)));
    }
}
