using Finsam.Web.Gateway;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Finsam.Web.SignIn;

/// <summary>When the gateway no longer accepts the token (it expired, or the gateway restarted with a new key), sign in again.</summary>
public sealed class SessionExpiredFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is GatewaySessionExpiredException)
        {
            executed.ExceptionHandled = true;
            await context.HttpContext.SignOutAsync(WebAuthentication.Scheme);
            executed.Result = new RedirectResult(WebAuthentication.SignInPath + "?utloggad=true");
        }
    }
}
