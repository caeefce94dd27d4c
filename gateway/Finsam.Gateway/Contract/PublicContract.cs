using System.Text.Json.Nodes;
using Finsam.Contracts.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Finsam.Gateway.Contract;

/// <summary>
/// The public contract, <c>/openapi/v1.json</c>: the gateway's routes only (each service describes its own routes
/// in a document of its own), the bearer scheme on every route that needs a token, and a problem-details answer for
/// every refusal a route can give. Clients are generated from it (docs/adr/0017).
/// </summary>
public static class PublicContract
{
    public const string DocumentName = "v1";

    private const string Bearer = "Bearer";

    /// <summary>What people write in the free-text fields, for the reference and for generated clients' documentation.</summary>
    private static readonly Dictionary<string, string> SwedishExamples = new(StringComparer.Ordinal)
    {
        ["reason"] = "Långvarig sjukskrivning, vill tillbaka till arbete.",
        ["ownGoal"] = "Arbete inom handel, 50 % till att börja med.",
        ["name"] = "Kim Andersson",
        ["phone"] = "070-123 45 67",
        ["email"] = "kim.andersson@exempel.se",
        ["note"] = "Samtycket lämnades skriftligt vid besöket; blanketten finns i journalen.",
        ["notes"] = "Genomgång av läget. Personen vill börja arbetsträna.",
        ["decisions"] = "Arbetsträning på 25 % från nästa månad",
        ["description"] = "Boka trepartssamtal med arbetsgivaren",
        ["agenda"] = "Uppföljning av planen och nästa steg.",
        ["employer"] = "Edsbyns Lager AB",
    };

    /// <summary>The public API's request records (<c>Finsam.Contracts.Api</c>).</summary>
    private static bool IsRequest(Type type) =>
        type.Namespace?.StartsWith("Finsam.Contracts.Api", StringComparison.Ordinal) == true && type.Name.EndsWith("Request", StringComparison.Ordinal);

    public static IServiceCollection AddPublicContract(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath is { } path
                && (path.StartsWith("api/", StringComparison.Ordinal) || path.StartsWith("dev/", StringComparison.Ordinal) || path.StartsWith("auth/", StringComparison.Ordinal));
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Finsam",
                    Version = "1",
                    Description = "Gatewayns API: samtycken, remisser, IPS-ärenden, samordningsmöten och logggranskning. "
                        + "Personnummer skickas bara i en begärans kropp, aldrig i en adress; adresser bär personRef.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "En åtkomsttoken från Finsams identitetstjänst (i demon: POST /dev/token).",
                };
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonPropertyInfo is { } field && IsRequest(field.DeclaringType))
                {
                    // Closed code lists as enums, so a generated client offers only what the services accept.
                    if (RequestCodes.ByField.TryGetValue((field.DeclaringType, field.Name), out var codes))
                    {
                        var target = schema.Items as OpenApiSchema ?? schema;
                        target.Enum = [.. codes.Select(code => (JsonNode)JsonValue.Create(code))];
                    }

                    if (SwedishExamples.TryGetValue(field.Name, out var example))
                    {
                        (schema.Items as OpenApiSchema ?? schema).Examples = [JsonValue.Create(example)];
                    }
                }

                if (IsRequest(context.JsonTypeInfo.Type))
                {
                    // The request records are nullable so that a missing field is a named 400, not an unreadable body;
                    // what the contract requires, it requires with a value.
                    foreach (var name in schema.Required ?? new HashSet<string>())
                    {
                        if (schema.Properties?[name] is OpenApiSchema property && property.Type is { } type)
                        {
                            property.Type = type & ~JsonSchemaType.Null;
                        }
                    }
                }

                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] });
                }

                return Task.CompletedTask;
            });
        });

    /// <summary>
    /// The route takes a <typeparamref name="TRequest"/> as JSON (read by <c>JsonBody</c>), and can refuse a body before
    /// reading it: another media type (415), a body over the limit (413), and malformed or invalid input (400).
    /// </summary>
    public static RouteHandlerBuilder AcceptsJson<TRequest>(this RouteHandlerBuilder route)
        where TRequest : notnull =>
        route.Accepts<TRequest>("application/json").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>
    /// The refusals every authenticated route can give, described once: no or a bad token (401), a role or unit that
    /// may not (403, recorded), a service that answered what the gateway may not pass on (502).
    /// </summary>
    public static RouteGroupBuilder WithStandardRefusals(this RouteGroupBuilder api)
    {
        api.ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        return api;
    }
}
