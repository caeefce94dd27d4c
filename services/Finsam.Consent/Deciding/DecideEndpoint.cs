using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Persons;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Consent.Deciding;

public static class DecideEndpoint
{
    public static void MapDecide(this RouteGroupBuilder group) =>
        group.MapPost("/decisions", DecideAsync).WithSummary("May a party (and unit) receive these categories about a person for a purpose now?");

    private static async Task<Results<Ok<ConsentDecision>, ValidationProblem>> DecideAsync(
        ConsentDecisionRequest request, DecisionInputs inputs, TimeProvider clock, CancellationToken cancellationToken)
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

        var person = await inputs.ForPersonAsync(request.PersonRef, cancellationToken);
        return TypedResults.Ok(ConsentPolicy.Decide(person.Consents, person.Blocks, request, SwedishTime.Today(clock)));
    }
}
