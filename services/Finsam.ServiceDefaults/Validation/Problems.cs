using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.ServiceDefaults.Validation;

/// <summary>RFC 9457 problem details with Finsam's problem types (<c>/problems/{name}</c>).</summary>
public static class Problems
{
    public const string ConsentRequiredType = "/problems/consent-required";

    public static ProblemHttpResult ConsentRequired(string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status403Forbidden, title: "Samtycke saknas", type: ConsentRequiredType);

    public static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status403Forbidden, title: "Åtgärden är inte tillåten för din roll", type: "/problems/forbidden");

    /// <summary>Also used for what exists but belongs to another unit: the caller must not learn that it exists.</summary>
    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status404NotFound, title: "Hittades inte", type: "/problems/not-found");

    public static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status409Conflict, title: "Konflikt med nuvarande status", type: "/problems/conflict");

    public static ProblemHttpResult UnsupportedMediaType(string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Fel innehållstyp", type: "/problems/unsupported-media-type");

    public static ProblemHttpResult TooLarge(string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "För stor begäran", type: "/problems/too-large");

    /// <summary>A service behind the gateway answered in a way the gateway may not pass on.</summary>
    public static ProblemHttpResult BadGateway(string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status502BadGateway, title: "Ett fel i en bakomliggande tjänst", type: "/problems/bad-gateway");

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) => TypedResults.ValidationProblem(
        errors, title: "Uppgifterna är ofullständiga eller felaktiga", type: "/problems/validation");

    public static ValidationProblem Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });
}
