using Finsam.Contracts.Api;
using Finsam.Gateway.Identity;
using Finsam.Gateway.Contract;
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

    public static IServiceCollection AddPublicContract(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath is { } path
                && (path.StartsWith("api/", StringComparison.Ordinal) || path.StartsWith("dev/", StringComparison.Ordinal));
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
            // Closed code lists as enums, so a generated client offers only what the services accept.
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonPropertyInfo is { } field && RequestCodes.ByField.TryGetValue((field.DeclaringType, field.Name), out var codes))
                {
                    var target = schema.Items as OpenApiSchema ?? schema;
                    target.Enum = [.. codes.Select(code => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(code))];
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
