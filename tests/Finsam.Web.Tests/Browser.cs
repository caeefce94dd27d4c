using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Finsam.Web.Tests;

/// <summary>
/// Headless Chromium from Debian's package (no browser download), driven by Playwright. Tests call
/// <see cref="RequireChromium"/> first: without the browser they are skipped, saying why.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public static readonly string ExecutablePath = Environment.GetEnvironmentVariable("FINSAM_CHROMIUM") ?? "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where screenshots go: TestResults/screenshots at the repository root (the tests' output folder CI keeps; ignored by git).</summary>
    public static string ScreenshotFolder { get; } = FindScreenshotFolder();

    public static void RequireChromium() =>
        Assert.SkipUnless(File.Exists(ExecutablePath),
            $"Chromium is not installed at {ExecutablePath} (apt-get install chromium chromium-driver, as .ci/run does); browser tests skipped.");

    /// <summary>A fresh browser context (own cookies): one signed-in person.</summary>
    public async Task<IPage> NewPageAsync(string baseUrl)
    {
        _playwright ??= await Playwright.CreateAsync();
        _browser ??= await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = ["--no-sandbox"] });
        var context = await _browser.NewContextAsync(new() { BaseURL = baseUrl, Locale = "sv-SE", ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(30_000); // generous: CI shares two cores with the whole composition
        return await context.NewPageAsync();
    }

    /// <summary>axe-core on the page as it is now: no serious or critical violation; a screenshot for people to look at.</summary>
    public static async Task CheckAsync(IPage page, string screen)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, screen + ".png"), FullPage = true });
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{screen}: " + string.Join("; ", serious.Select(Describe)));
    }

    public static async Task SignInAsync(IPage page, string name)
    {
        await page.GotoAsync("/logga-in");
        await page.GetByRole(AriaRole.Button, new() { Name = name }).ClickAsync();
        await page.WaitForURLAsync("**/");
    }

    /// <summary>Signs out and waits for the sign-in page, so that the next navigation cannot cut the sign-out short.</summary>
    public static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync("**/logga-in");
        }
        catch (TimeoutException timeout)
        {
            // Seen once in CI (2026-12-03): say where the browser was instead, so the cause can be found.
            var text = await page.InnerTextAsync("body");
            throw new TimeoutException($"Sign-out did not reach /logga-in; the page is at {page.Url}: {text[..Math.Min(300, text.Length)]}", timeout);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    private static string Describe(AxeResultItem violation) =>
        $"{violation.Id} ({violation.Impact}): {violation.Help} at {string.Join(", ", violation.Nodes.Select(n => n.Target?.ToString()))}";

    private static string FindScreenshotFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Finsam.sln")))
        {
            directory = directory.Parent;
        }

        var folder = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
