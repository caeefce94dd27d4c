using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Finsam.Web.Tests;

/// <summary>The embedded default as a person starting the demo sees it: with the demo county's cohort seeded through the real flows.</summary>
public sealed class DemoCohortWebApp() : WebApp(new Dictionary<string, string> { ["Finsam:Demo:Cohort"] = "true" });

/// <summary>
/// Use 4 in a browser (issue 13): the association's analyst opens the follow-up on the demo county's first start, reads
/// a report as charts with text alternatives beside their tables, and downloads it as CSV; axe-core on each screen.
/// </summary>
public sealed class FollowUpBrowserTests(DemoCohortWebApp app) : IClassFixture<DemoCohortWebApp>, IAsyncDisposable
{
    private readonly Browser _browser = new();

    public ValueTask DisposeAsync() => _browser.DisposeAsync();

    /// <summary>The seeding runs in the background after start-up: wait until the summary counts everyone it enrols.</summary>
    private async Task WaitForTheDemoCohortAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var token = (await (await http.PostAsJsonAsync("/dev/token", new { userId = "greta.dahl" }, TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await Eventually.HoldsAsync(async () =>
            (await http.GetFromJsonAsync<JsonObject>("/api/follow-up/associations/finsam-halsingland/summary", TestContext.Current.CancellationToken))!["total"]!["participants"]
                ?.GetValue<int>() >= 40,
            seconds: 120);
    }

    [Fact]
    public async Task The_analyst_reads_a_report_as_charts_and_tables_and_downloads_it_as_CSV()
    {
        Browser.RequireChromium();
        await WaitForTheDemoCohortAsync();
        var page = await _browser.NewPageAsync(app.BaseUrl);

        await Browser.SignInAsync(page, "Greta Dahl");
        await page.GetByRole(AriaRole.Link, new() { Name = "Till uppföljningen" }).ClickAsync();
        await page.GetByRole(AriaRole.Table, new() { Name = "Deltagare, i arbete vid avslut och pågående per insats, till och med i dag" }).WaitForAsync();
        await Browser.CheckAsync(page, "35-uppfoljning");
        await page.GetByRole(AriaRole.Link, new() { Name = "Öppna rapporten för Ett hållbart arbetsliv (IPS i Ovanåker)" }).ClickAsync();

        var chart = page.GetByRole(AriaRole.Img, new() { Name = "Vem remitterade" });
        await chart.WaitForAsync();
        var description = await chart.Locator("desc").TextContentAsync();
        Assert.Matches("Vården: (\\d+|prickad); Kommunen \\(socialtjänsten\\): (\\d+|prickad)", description);
        Assert.Equal(5, await page.Locator("section.figure", new() { HasText = "Vem remitterade" }).GetByRole(AriaRole.Row).CountAsync() - 1);
        await Browser.CheckAsync(page, "36-uppfoljningsrapport");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Ladda ner tabellerna som CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.StartsWith("tabell;kategori;antal;procent;prickad", csv, StringComparison.Ordinal);
        Assert.Contains("\nreferrers;health-care;", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_is_explained_beside_the_field()
    {
        Browser.RequireChromium();
        var page = await _browser.NewPageAsync(app.BaseUrl);
        await Browser.SignInAsync(page, "Greta Dahl");

        await page.GotoAsync("/uppfoljning/bollnas-ips?From=2026-06-01&To=2026-01-01");

        Assert.Equal("Periodens slut kan inte vara före dess början.", await page.Locator("#To-error").InnerTextAsync());
        await Browser.CheckAsync(page, "37-uppfoljning-fel-period");
    }
}
