using Finsam.Contracts.Audit;
using Finsam.Gateway.Identity;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Finsam.Gateway.Access;

/// <summary>
/// Unauthorised access gets nothing and is recorded: a signed-in person whose role does not allow a route
/// gets a 403 problem and a <c>deny</c> audit record. Requests without a valid token cannot be attributed to
/// anyone, so they get a 401 and a warning in the log.
/// </summary>
public sealed partial class RecordingAuthorizationResultHandler(
    AccessLog accessLog, TimeProvider clock, ILogger<RecordingAuthorizationResultHandler> logger) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true && context.Request.Path.StartsWithSegments("/api"))
        {
            await accessLog.RecordAsync(AccessRecorded.Denial(
                context.User.ToActor(), null, null, null, null, [], null,
                $"role-not-permitted: {context.Request.Method} {(context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText}", clock.GetUtcNow()),
                context.RequestAborted);
            await Problems.Forbidden("Din roll ger inte tillgång till detta.").ExecuteAsync(context);
            return;
        }

        if (authorizeResult.Challenged)
        {
            LogChallenged(logger, context.Request.Method, (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)");
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    // The route template, not the path: a path may carry whatever a caller typed into it.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Unauthenticated request to {Method} {Path} refused")]
    private static partial void LogChallenged(ILogger logger, string method, string path);
}
