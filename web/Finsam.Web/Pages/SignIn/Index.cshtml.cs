using System.Security.Claims;
using Finsam.Web.Gateway;
using Finsam.Web.Common;
using Finsam.Web.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Finsam.Web.Pages.SignIn;

/// <summary>
/// Sign in. In development (the embedded default) a person picks a demo user, whose token the gateway's
/// <c>/dev/token</c> issues; in production the OpenID Connect issuer signs them in.
/// </summary>
public sealed class IndexModel(IConfiguration configuration) : WebPage
{
    public bool Development => WebAuthentication.DevSignIn(configuration);

    public bool OpenIdConnect => WebAuthentication.UsesOpenIdConnect(configuration);

    public bool ResidentSignIn => WebAuthentication.UsesResidentSignIn(configuration);

    [BindProperty(SupportsGet = true, Name = "misslyckad")]
    public bool Failed { get; set; }

    public IReadOnlyList<DevUser> Users { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "utloggad")]
    public bool SessionEnded { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Development)
        {
            var users = await Gateway.GetAsync<List<DevUser>>("dev/users", cancellationToken);
            Users = users.Value ?? [];
            if (users.Problem is { } problem)
            {
                Show(problem);
            }
        }
    }

    public async Task<IActionResult> OnPostAsync(string? userId, CancellationToken cancellationToken)
    {
        if (!Development)
        {
            return OpenIdConnect
                ? Challenge(new AuthenticationProperties { RedirectUri = LocalOr(ReturnUrl) }, WebAuthentication.OidcScheme)
                : RedirectToPage();
        }

        var users = await Gateway.GetAsync<List<DevUser>>("dev/users", cancellationToken);
        var user = users.Value?.FirstOrDefault(u => u.UserId == userId);
        var token = user is null ? null : await Gateway.PostAsync<DevTokenResponse>("dev/token", new DevTokenRequest(user.UserId), cancellationToken);
        if (user is null || token?.Value is null)
        {
            Users = users.Value ?? [];
            Problem = "Välj en av demoanvändarna.";
            return Page();
        }

        var claims = new List<Claim>
        {
            new(WebClaims.UserId, user.UserId),
            new(WebClaims.Name, user.Name),
            new(WebClaims.Role, user.Role),
            new(WebClaims.AccessToken, token.Value.AccessToken),
        };
        // Staff belong to a party and a unit; a resident to neither.
        if (user is { Party: { } party, UnitId: { } unitId })
        {
            claims.AddRange([new(WebClaims.Party, party), new(WebClaims.Unit, unitId), new(WebClaims.UnitName, user.UnitName ?? unitId)]);
        }

        await WebAuthentication.SignInAsync(HttpContext, claims, Clock.GetUtcNow().AddSeconds(token.Value.ExpiresIn - 60));
        return LocalRedirect(LocalOr(ReturnUrl));
    }

    /// <summary>A resident signs in with e-legitimation, through the broker.</summary>
    public IActionResult OnPostResident() => ResidentSignIn
        ? Challenge(new AuthenticationProperties { RedirectUri = LocalOr(ReturnUrl) }, WebAuthentication.ResidentScheme)
        : RedirectToPage();

    private string LocalOr(string? returnUrl) => returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
