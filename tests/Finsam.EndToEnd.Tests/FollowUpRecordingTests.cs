using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Finsam.EndToEnd.Tests;

/// <summary>
/// Through the whole composition (issue 13, item 1): an enrolment reaches the follow-up service de-identified, linked
/// by a statistics pseudonym only with a statistics consent, and the follow-up database holds no personRef, name or
/// personnummer (checked by scanning its files), and neither do its reports, its CSV or the log lines about it.
/// </summary>
public sealed class FollowUpRecordingTests(FinsamApp app) : IClassFixture<FinsamApp>
{
    private readonly FinsamClient _finsam = new(app.CreateClient);

    private static object Intake => new
    {
        date = "2026-03-02", sex = "man", birthYear = 1979, education = "upper-secondary", lastEmployed = "1-5-years", afRegistered = true,
        occupation = "none", extentBand = "none", incomeSources = Sources, timeInPublicSupport = "1-3-years", wishAndGoal = "Lagerarbete",
    };

    private static readonly string[] Sources = ["fk-benefit"];

    private async Task<(string PersonRef, string Personnummer, Guid CaseId)> StartedCaseAsync()
    {
        var personnummer = FinsamClient.NewPersonnummer();
        var personRef = await _finsam.LookUpAsync(personnummer);
        await _finsam.RecordReferralConsentAsync(personRef);
        await _finsam.SubmitReferralAsync(personRef);
        var caseId = await _finsam.WaitForQueuedCaseAsync(personRef);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoordinator, $"/api/ips/cases/{caseId}/assign", new { coachUserId = FinsamClient.OvanakerCoach }, HttpStatusCode.OK);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}/status", new { status = "active" }, HttpStatusCode.OK);
        return (personRef, personnummer, caseId);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(app.DataDirectory, "follow-up.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private async Task WaitForCountAsync(string sql, long count) =>
        await Eventually.HoldsAsync(async () => await CountAsync(sql) >= count, describe: () => $"{sql} did not reach {count}");

    [Fact]
    public async Task With_a_statistics_consent_the_start_and_end_arrive_linked_and_nothing_identifies_the_person()
    {
        var (personRef, personnummer, caseId) = await StartedCaseAsync();
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, "/api/consents", new
        {
            personRef, kind = "statistics", purpose = "statistics", method = "written", documentRef = "Undertecknad blankett i IPS-akten",
            validUntil = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            provisions = Array.Empty<object>(),
        }, HttpStatusCode.Created);
        var linkedStarts = await CountAsync("SELECT count(*) FROM enrolment_starts WHERE pseudonym IS NOT NULL");
        var linkedEnds = await CountAsync("SELECT count(*) FROM enrolment_ends WHERE pseudonym IS NOT NULL");

        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}/intake", Intake, HttpStatusCode.OK);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}/status", FinsamClient.Closing(), HttpStatusCode.OK);

        await WaitForCountAsync("SELECT count(*) FROM enrolment_starts WHERE pseudonym IS NOT NULL", linkedStarts + 1);
        await WaitForCountAsync("SELECT count(*) FROM enrolment_ends WHERE pseudonym IS NOT NULL", linkedEnds + 1);
        Assert.Equal(0, await CountAsync(
            "SELECT count(*) FROM enrolment_ends e WHERE e.pseudonym IS NOT NULL AND NOT EXISTS (SELECT 1 FROM enrolment_starts s WHERE s.pseudonym = e.pseudonym AND s.intake_date = e.intake_date)"));
        var stored = string.Concat(Directory.GetFiles(app.DataDirectory, "follow-up.db*").Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f))));
        Assert.DoesNotContain(personRef, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(personnummer[..8], stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Kim Andersson", stored, StringComparison.Ordinal);

        // Nor does anything the follow-up answers or logs: the report, its CSV, and the lines about it.
        var report = await (await _finsam.SendAsync(FinsamClient.Analyst, HttpMethod.Get, "/api/follow-up/interventions/ovanaker-hallbart-arbetsliv/report")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var csv = await (await _finsam.SendAsync(FinsamClient.Analyst, HttpMethod.Get, "/api/follow-up/interventions/ovanaker-hallbart-arbetsliv/report?format=csv")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var logged = string.Join('\n', app.LogLines.Where(line => line.Contains("follow-up", StringComparison.OrdinalIgnoreCase) || line.Contains("FollowUp", StringComparison.Ordinal)));
        Assert.Contains("\"enrolled\":", report, StringComparison.Ordinal);
        foreach (var text in new[] { report, csv, logged })
        {
            Assert.DoesNotContain(personRef, text, StringComparison.Ordinal);
            Assert.DoesNotContain(personnummer[..8], text, StringComparison.Ordinal);
            Assert.DoesNotContain("Kim Andersson", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_a_statistics_consent_the_enrolment_is_counted_anonymously()
    {
        var (_, _, caseId) = await StartedCaseAsync();
        var anonymous = await CountAsync("SELECT count(*) FROM enrolment_starts WHERE pseudonym IS NULL AND occupation IS NULL AND sex = 'man' AND age_band = '45-54'");

        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}/intake", Intake, HttpStatusCode.OK);

        await WaitForCountAsync("SELECT count(*) FROM enrolment_starts WHERE pseudonym IS NULL AND occupation IS NULL AND sex = 'man' AND age_band = '45-54'", anonymous + 1);
    }
}
