using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Finsam.Forsakringskassan.FkSystem;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.EndToEnd.Tests;

/// <summary>One party's system is down and refuses at once: its section is unavailable, the rest arrives within the deadline.</summary>
public sealed class SharedViewStoppedSourceTests(SharedViewStoppedSourceTests.StoppedFkApp app) : IClassFixture<SharedViewStoppedSourceTests.StoppedFkApp>
{
    /// <summary>Long enough for a warm AF adapter on a busy machine.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(3);

    /// <summary>What the view may take beyond the deadline: asking who takes part, the consent decision, recording.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);

    private readonly FinsamClient _finsam = new(app.CreateClient);

    public sealed class StoppedFkApp : FinsamApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Finsam:Gateway:SharedView:Deadline", Deadline.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
            builder.ConfigureTestServices(services => services.AddSingleton<IForsakringskassanSystem, StoppedFk>());
        }
    }

    /// <summary>FK's system as it behaves when it is down: the connection is refused at once, every time.</summary>
    private sealed class StoppedFk : IForsakringskassanSystem
    {
        public Task<FkBenefit?> FindAsync(string personRef, CancellationToken cancellationToken) =>
            throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (fk.example:443)");
    }

    private static string StatusOf(JsonArray sections, string category) =>
        sections.Single(s => s!["category"]!.GetValue<string>() == category)!["status"]!.GetValue<string>();

    [Fact]
    public async Task A_source_that_refuses_is_unavailable_nothing_is_recorded_as_seen_from_it_and_the_rest_returns_in_time()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer(), FinsamClient.OvanakerCoach);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, "/api/consents", FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("municipality", null, "meeting", "ips.plan", "af.registration", "fk.benefits", "health.contact"),
            FinsamClient.Provision("forsakringskassan", null, "meeting")), HttpStatusCode.Created);
        var meetingId = (await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, "/api/meetings", new
        {
            personRef, scheduledAt = DateTimeOffset.UtcNow.AddDays(1), mode = "in-person",
            participants = new[] { new { party = "municipality", unitId = "ovanaker-ips" }, new { party = "forsakringskassan", unitId = "fk-gavle" } },
        }, HttpStatusCode.Created))["meetingId"]!.GetValue<Guid>();
        var path = $"/api/meetings/{meetingId}/shared-view";
        // A first call warms every path; on a cold machine its other sections may come too late, so only the second is judged.
        var warmUp = (await _finsam.GetJsonAsync(FinsamClient.OvanakerCoach, path))["sections"]!.AsArray();

        var watch = Stopwatch.StartNew();
        var sections = (await _finsam.GetJsonAsync(FinsamClient.OvanakerCoach, path))["sections"]!.AsArray();
        watch.Stop();

        Assert.Equal("unavailable", StatusOf(sections, "fk.benefits"));
        Assert.Null(sections.Single(s => s!["category"]!.GetValue<string>() == "fk.benefits")!["data"]);
        Assert.All(["ips.plan", "af.registration", "health.contact"], category => Assert.Equal("ok", StatusOf(sections, category)));
        Assert.True(watch.Elapsed < Deadline + Margin, $"The view took {watch.Elapsed}; the deadline is {Deadline}.");
        // Each look commits its records at once: when as many views as ok sections are there, all are there.
        var views = new[] { warmUp, sections }.Sum(look => look.Count(s => s!["status"]!.GetValue<string>() == "ok"));
        var records = await _finsam.AuditRecordsAsync(personRef, r => r.Count(x => x["action"]!.GetValue<string>() == "view") >= views);
        Assert.Equal(views, records.Count(r => r["action"]!.GetValue<string>() == "view"));
        Assert.DoesNotContain(records, r => r["sourceParty"]?.GetValue<string>() == "forsakringskassan" && r["action"]!.GetValue<string>() is "view" or "deny");
    }
}
