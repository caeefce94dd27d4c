using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Finsam.Agencies.Systems;
using Finsam.Forsakringskassan.FkSystem;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.EndToEnd.Tests;

/// <summary>One party's system is down and refuses at once: its section is unavailable at once, and the rest returns.</summary>
public sealed class SharedViewStoppedSourceTests(SharedViewStoppedSourceTests.StoppedFkApp app) : IClassFixture<SharedViewStoppedSourceTests.StoppedFkApp>
{
    /// <summary>Far longer than the view needs on a busy machine: a view that waits for it has waited for the stopped source.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private readonly FinsamClient _finsam = new(app.CreateClient);

    public sealed class StoppedFkApp : FinsamApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Finsam:Gateway:SharedView:Deadline", Deadline.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
            builder.ConfigureTestServices(services => services.AddSingleton<IAgencySystem<FkBenefit>, StoppedFk>());
        }
    }

    /// <summary>FK's system as it behaves when it is down: the connection is refused at once, every time.</summary>
    public sealed class StoppedFk : IAgencySystem<FkBenefit>
    {
        private int _calls;

        public int Calls => _calls;

        public Task<FkBenefit?> FindAsync(string personRef, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (fk.example:443)");
        }
    }

    private static string StatusOf(JsonArray sections, string category) =>
        sections.Single(s => s!["category"]!.GetValue<string>() == category)!["status"]!.GetValue<string>();

    [Fact]
    public async Task A_source_that_refuses_is_unavailable_at_once_nothing_is_recorded_as_seen_from_it_and_the_rest_returns()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer(), FinsamClient.OvanakerCoach);
        await _finsam.RecordConfirmedConsentAsync(FinsamClient.OvanakerCoach, FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("municipality", null, "meeting", "ips.plan", "af.registration", "fk.benefits", "health.contact"),
            FinsamClient.Provision("forsakringskassan", null, "meeting")));
        var meetingId = (await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, "/api/meetings", new
        {
            personRef, scheduledAt = DateTimeOffset.UtcNow.AddDays(1), mode = "in-person",
            participants = new[] { new { party = "municipality", unitId = "ovanaker-ips" }, new { party = "forsakringskassan", unitId = "fk-gavle" } },
        }, HttpStatusCode.Created))["meetingId"]!.GetValue<Guid>();
        var fk = (StoppedFk)app.Services.GetRequiredService<IAgencySystem<FkBenefit>>();
        var callsBefore = fk.Calls;

        var watch = Stopwatch.StartNew();
        var sections = (await _finsam.GetJsonAsync(FinsamClient.OvanakerCoach, $"/api/meetings/{meetingId}/shared-view"))["sections"]!.AsArray();
        watch.Stop();

        Assert.Equal("unavailable", StatusOf(sections, "fk.benefits"));
        Assert.Null(sections.Single(s => s!["category"]!.GetValue<string>() == "fk.benefits")!["data"]);
        Assert.All(["ips.plan", "af.registration", "health.contact"], category => Assert.Equal("ok", StatusOf(sections, category)));
        // Asked once and not again: a refusal is final for this look, so the view does not wait out the deadline.
        Assert.Equal(1, fk.Calls - callsBefore);
        Assert.True(watch.Elapsed < Deadline, $"The view took {watch.Elapsed}: it waited out the deadline ({Deadline}) for a source that had refused.");
        var records = await _finsam.AuditRecordsAsync(personRef, r => r.Count(x => x["action"]!.GetValue<string>() == "view") >= 3);
        Assert.Equal(
            ["view arbetsformedlingen af.registration", "view health-care health.contact", "view municipality ips.plan"],
            records.Where(r => r["action"]!.GetValue<string>() == "view").Select(r => $"view {r["sourceParty"]} {r["categories"]![0]}").Order(StringComparer.Ordinal));
        // FK's own confirmation of the consent is the one record with FK as its source.
        Assert.DoesNotContain(records, r => r["sourceParty"]?.GetValue<string>() == "forsakringskassan" && r["action"]!.GetValue<string>() != "consent-confirmed");
    }
}
