using System.Net;
using System.Text.RegularExpressions;

namespace Finsam.Web.Tests;

/// <summary>The pages over plain HTTP, without a browser: what the server renders and where it redirects.</summary>
public sealed partial class PageTests(WebApp app) : IClassFixture<WebApp>
{
    /// <summary>
    /// A browser-like client (cookies) that does not follow redirects, since several tests look at them. (The
    /// factory's own client follows them on Kestrel whatever its options say.)
    /// </summary>
    private HttpClient NewClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() }) { BaseAddress = new Uri(app.BaseUrl) };

    [Fact]
    public async Task An_anonymous_visit_to_the_start_page_is_sent_to_sign_in()
    {
        using var client = NewClient();
        var response = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/logga-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_page_lists_each_demo_user_with_role_and_unit_in_swedish()
    {
        using var client = NewClient();
        var html = await client.GetStringAsync(new Uri("/logga-in", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains("<html lang=\"sv\">", html, StringComparison.Ordinal);
        Assert.Contains("Anna Lind", html, StringComparison.Ordinal);
        Assert.Contains("Behandlare (vården)", html, StringComparison.Ordinal);
        Assert.Contains("Region Gävleborg, Psykiatrin Hälsingland", html, StringComparison.Ordinal);
        Assert.Contains("IPS-samordnare", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_whose_session_ended_is_told_so_on_the_sign_in_page()
    {
        using var client = NewClient();
        var html = await client.GetStringAsync(new Uri("/logga-in?utloggad=true", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("Du har loggats ut eftersom inloggningen har gått ut.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_personnummer_gets_the_apis_swedish_message_next_to_the_field()
    {
        using var client = await SignedInAsync(FinsamClient.Clinician);
        var response = await PostFormAsync(client, "/person", new() { ["Personnummer"] = "19811218-9875" });
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Personnumrets kontrollsiffra stämmer inte.", html, StringComparison.Ordinal);
        Assert.Matches("<label for=\"personnummer\">[^<]*<span[^>]*>[^<]*</span>\\s*<span[^>]*field-validation-error", html);
    }

    [Fact]
    public async Task A_lookup_leads_to_the_persons_page_by_pseudonym_and_never_puts_the_number_in_a_url()
    {
        var personnummer = FinsamClient.NewPersonnummer();
        using var client = await SignedInAsync(FinsamClient.Clinician);
        var response = await PostFormAsync(client, "/person", new() { ["Personnummer"] = personnummer });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/person/pr-[0-9a-f]{32}$", location);
        Assert.DoesNotContain(personnummer[..8], location, StringComparison.Ordinal);

        var page = await client.GetStringAsync(new Uri(location, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains(personnummer[..8] + "-****", page, StringComparison.Ordinal);
        Assert.DoesNotContain(personnummer[^4..], page.Replace(location, "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consent_without_any_recipient_is_refused_in_swedish_before_the_gateway_is_asked()
    {
        using var client = await SignedInAsync(FinsamClient.Clinician);
        var person = (await PostFormAsync(client, "/person", new() { ["Personnummer"] = FinsamClient.NewPersonnummer() })).Headers.Location!.OriginalString;
        var response = await PostFormAsync(client, person + "/samtycke/nytt", new()
        {
            ["Purpose"] = "ips-support", ["Method"] = "written", ["ValidUntil"] = DateTime.UtcNow.AddYears(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Välj minst en mottagande part och vilka uppgifter den får ta emot.", html, StringComparison.Ordinal);
        Assert.Contains("Ett samtycke får gälla högst 3 år", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coach_records_a_placement_on_the_case_page_and_sees_it_listed_in_swedish()
    {
        var finsam = new FinsamClient(() => new HttpClient { BaseAddress = new Uri(app.BaseUrl) });
        var personRef = await finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await finsam.RecordReferralConsentAsync(personRef);
        await finsam.SubmitReferralAsync(personRef);
        var caseId = await finsam.WaitForQueuedCaseAsync(personRef);
        await finsam.PostJsonAsync(FinsamClient.OvanakerCoordinator, $"/api/ips/cases/{caseId}/assign", new { coachUserId = FinsamClient.OvanakerCoach }, HttpStatusCode.OK);
        using var client = await SignedInAsync(FinsamClient.OvanakerCoach);

        var response = await PostFormAsync(client, $"/arenden/{caseId}", new()
        {
            ["PlacementType"] = "praktik", ["Employer"] = "ICA Kvantum Edsbyn", ["ExtentPercent"] = "50", ["PlacementFrom"] = "2026-01-12",
        }, handler: "Placement");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetStringAsync(new Uri(response.Headers.Location!.OriginalString, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Matches("<td>Praktik</td>\\s*<td>ICA Kvantum Edsbyn</td>\\s*<td>50 %</td>\\s*<td>2026-01-12</td>", page);
    }

    private async Task<HttpClient> SignedInAsync(string userId)
    {
        var client = NewClient();
        var response = await PostFormAsync(client, "/logga-in", new() { ["userId"] = userId });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Posts a form the way a browser does: with the antiforgery token from the page that holds it.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields, string? handler = null)
    {
        var form = await client.GetStringAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        fields["__RequestVerificationToken"] = AntiforgeryToken().Match(form).Groups["token"].Value;
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(handler is null ? path : $"{path}?handler={handler}", UriKind.Relative), content, TestContext.Current.CancellationToken);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
