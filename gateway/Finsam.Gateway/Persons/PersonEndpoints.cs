using Finsam.Contracts.Api.Persons;
using Finsam.Contracts.Persons;
using Finsam.Gateway.Contract;
using Finsam.Gateway.Proxy;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Gateway.Persons;

/// <summary>
/// Turns a personnummer into the pseudonym used everywhere else. The number arrives in a body, is validated,
/// and goes no further than this handler: not into a URL, a log line, a trace or a store.
/// </summary>
public static class PersonEndpoints
{
    public static void MapPersons(this RouteGroupBuilder api) =>
        api.MapPost("/persons/lookup", Lookup).AcceptsJson<PersonLookupRequest>()
            .Produces<PersonLookupResponse>().ProducesValidationProblem().WithSummary("Personnummer or samordningsnummer → personRef");

    private static async Task<IResult> Lookup(
        HttpRequest request, PersonRefGenerator personRefs, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<PersonLookupRequest>(request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        return Personnummer.TryParse(body.Personnummer, SwedishTime.Today(clock), out var personnummer, out var error)
            ? TypedResults.Ok(new PersonLookupResponse(personRefs.For(personnummer)))
            : Problems.Invalid("personnummer", error);
    }
}
