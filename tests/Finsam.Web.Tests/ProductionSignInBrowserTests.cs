using Finsam.Testing.Identity;
using Microsoft.Playwright;

namespace Finsam.Web.Tests;

/// <summary>
/// The web as production runs it: no demo users; staff sign in at the county's identity provider and residents with
/// e-legitimation at the broker, both by authorization code with PKCE against a real OpenID Connect server (OpenIddict).
/// </summary>
public sealed class ProductionSignInWeb : IAsyncLifetime
{
    public TestIdentityProvider IdentityProvider { get; private set; } = null!;

    public WebApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        IdentityProvider = await TestIdentityProvider.StartAsync();
        var issuer = IdentityProvider.Issuer;
        App = WebApp.With(new Dictionary<string, string>
        {
            ["Finsam:DevIdentity:Enabled"] = "false",
            ["Finsam:PersonRef:Key"] = "c2lnbi1pbi10ZXN0cy1wc2V1ZG9ueW0ta2V5LTMyYnk=",
            ["Finsam:Authentication:Authority"] = issuer,
            ["Finsam:Authentication:Audience"] = TestIdentityProvider.FinsamResource,
            ["Finsam:Authentication:RequireHttpsMetadata"] = "false",
            ["Finsam:Authentication:Residents:Authority"] = issuer,
            ["Finsam:Authentication:Residents:ClientId"] = TestIdentityProvider.ResidentClient,
            ["Finsam:Web:RequireHttpsMetadata"] = "false",
            ["Finsam:Web:Authentication:Authority"] = issuer,
            ["Finsam:Web:Authentication:ClientId"] = TestIdentityProvider.StaffClient,
            ["Finsam:Web:Authentication:ClientSecret"] = TestIdentityProvider.ClientSecret,
            ["Finsam:Web:Residents:Authority"] = issuer,
            ["Finsam:Web:Residents:ClientId"] = TestIdentityProvider.ResidentClient,
            ["Finsam:Web:Residents:ClientSecret"] = TestIdentityProvider.ClientSecret,
        });
        await IdentityProvider.AllowWebAsync(App.BaseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await IdentityProvider.DisposeAsync();
    }
}

public sealed class ProductionSignInBrowserTests(ProductionSignInWeb web) : IClassFixture<ProductionSignInWeb>, IAsyncDisposable
{
    private readonly Browser _browser = new();

    [Fact]
    public async Task A_coordinator_signs_in_at_the_county_identity_provider_and_works_as_the_directory_says()
    {
        Browser.RequireChromium();
        var page = await _browser.NewPageAsync(web.App.BaseUrl);

        await page.GotoAsync("/logga-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in med din organisations inloggning" }).ClickAsync();
        await page.GetByLabel("Användar-id").FillAsync(FinsamClient.OvanakerCoordinator);
        await page.GetByRole(AriaRole.Button, new() { Name = "Legitimera" }).ClickAsync();
        await page.WaitForURLAsync(web.App.BaseUrl + "/");

        Assert.Contains("Karin Berg, IPS-samordnare", await page.InnerTextAsync("header"), StringComparison.Ordinal);
        await page.GotoAsync("/ips");
        await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).WaitForAsync();
        Assert.EndsWith("/ips", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resident_signs_in_with_e_legitimation_and_reaches_their_own_pages()
    {
        Browser.RequireChromium();
        var page = await _browser.NewPageAsync(web.App.BaseUrl);

        await page.GotoAsync("/logga-in");
        await Browser.CheckAsync(page, "20-logga-in-produktion");
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in med e-legitimation" }).ClickAsync();
        await page.GetByLabel("Personnummer").FillAsync(FinsamClient.NewPersonnummer());
        await page.GetByLabel("Namn").FillAsync("Sara Lund");
        await page.GetByRole(AriaRole.Button, new() { Name = "Legitimera" }).ClickAsync();
        await page.WaitForURLAsync(web.App.BaseUrl + "/");

        Assert.Contains("Sara Lund", await page.InnerTextAsync("header"), StringComparison.Ordinal);
        await page.GotoAsync("/mina-samtycken");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Mina samtycken" }).WaitForAsync();
    }

    [Fact]
    public async Task Someone_the_staff_directory_does_not_know_is_not_signed_in()
    {
        Browser.RequireChromium();
        var page = await _browser.NewPageAsync(web.App.BaseUrl);

        await page.GotoAsync("/logga-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in med din organisations inloggning" }).ClickAsync();
        await page.GetByLabel("Användar-id").FillAsync("okand.person");
        await page.GetByRole(AriaRole.Button, new() { Name = "Legitimera" }).ClickAsync();

        await page.GetByText("Inloggningen gick inte att slutföra.").WaitForAsync();
        await page.GotoAsync("/");
        Assert.Contains("/logga-in", page.Url, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _browser.DisposeAsync();
}
