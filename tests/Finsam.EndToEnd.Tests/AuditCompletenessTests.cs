using System.Net;
using System.Text.Json.Nodes;
using Finsam.Arbetsformedlingen;
using Finsam.Audit;
using Finsam.Consent;
using Finsam.Coordination;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Meetings;
using Finsam.Contracts.Sharing;
using Finsam.Forsakringskassan;
using Finsam.Gateway;
using Finsam.HealthCare;
using Finsam.Municipality;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Messaging;
using Finsam.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.EndToEnd.Tests;

/// <summary>
/// A long random day in the county: referrals, assignments, views, refusals, revocations, follow-up meetings
/// with their shared views, and audits across every role. Afterwards every outbox message is delivered a
/// second time, as after a crash. The audit log must hold exactly one record for every event, no more, and
/// still verify.
/// </summary>
public sealed class AuditCompletenessTests(FinsamApp app) : IClassFixture<FinsamApp>
{
    private readonly FinsamClient _finsam = new(app.CreateClient);
    private readonly Dictionary<string, int> _expected = new() { ["share"] = 0, ["view"] = 0, ["deny"] = 0, ["consent-granted"] = 0, ["consent-revoked"] = 0, ["audit-search"] = 0, ["meeting-invitation"] = 0 };
    private readonly List<(string PersonRef, Guid CaseId, Guid ConsentId, string Status)> _cases = [];

    private const string SocialWorker = "lars.olsson";
    private const string AfOfficer = "per.andersson";
    private const string FkOfficer = "eva.karlsson";

    /// <summary>Every party and role at one follow-up meeting: who takes part, and as whom they look at the shared view.</summary>
    private static readonly (string UserId, string Party, string UnitId)[] MeetingParticipants =
    [
        (FinsamClient.OvanakerCoach, "municipality", FinsamClient.OvanakerIps),
        (SocialWorker, "municipality", "ovanaker-ifo"),
        (FinsamClient.Clinician, "health-care", "halsingland-psykiatri"),
        (AfOfficer, "arbetsformedlingen", "af-bollnas"),
        (FkOfficer, "forsakringskassan", "fk-gavle"),
    ];

    private readonly List<(string PersonRef, Guid MeetingId, Guid ConsentId)> _meetings = [];
    private readonly Dictionary<string, int> _byParticipant = [];

    [Fact]
    public async Task A_thousand_random_shares_views_and_denials_give_one_record_each_even_when_every_message_is_delivered_twice()
    {
        var auditConsumes = new AuditConsumeCounter();
        app.Services.GetRequiredService<IBus>().ConnectConsumeObserver(auditConsumes);
        var random = new Random(20261123);

        // The issue asks for a thousand shares, views and denials; consents and auditors' searches come on top.
        while (_expected["share"] + _expected["view"] + _expected["deny"] < 1000)
        {
            await (random.Next(12) switch
            {
                < 3 => ReferralStoryAsync(random),
                3 => RefusedReferralAsync(),
                4 when _cases.Count > 0 => LookAtAnotherUnitsCaseAsync(random),
                5 => RoleRefusedAsync(random),
                6 when _cases.Count > 0 => AuditSearchAsync(random),
                7 when _cases.Any(c => c.Status == "assigned") => RevokeThenStartAsync(random),
                8 => MeetingStoryAsync(random),
                9 when _meetings.Count > 0 => SharedViewAsync(random, _meetings[random.Next(_meetings.Count)]),
                10 when _meetings.Count > 0 => OutsiderAtAMeetingAsync(random),
                11 when _meetings.Count > 0 => RevokeCoordinationThenLookAsync(random),
                _ => ReferralStoryAsync(random),
            });
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Events by action: {string.Join(", ", _expected.Select(e => $"{e.Key} {e.Value}"))}; by meeting participants: " +
            string.Join(", ", _byParticipant.Select(p => $"{p.Key} {p.Value}")));
        var outboxed = await OutboxTotalAsync();
        Assert.Equal(_expected.Values.Sum(), outboxed);
        await Eventually.HoldsAsync(() => auditConsumes.Completed >= outboxed, seconds: 120);
        Assert.Equal(_expected, await RecordedByActionAsync());

        await ResendEveryOutboxMessageAsync();
        await Eventually.HoldsAsync(() => auditConsumes.Completed >= 2 * outboxed, seconds: 120);

        Assert.Equal(_expected, await RecordedByActionAsync());
        var verify = await _finsam.GetJsonAsync(FinsamClient.Auditor, "/api/audit/verify");
        Assert.True(verify["valid"]!.GetValue<bool>(), verify.ToJsonString());
    }

    private void Expect(string action, int count = 1) => _expected[action] += count;

    private async Task ReferralStoryAsync(Random random)
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        var consentId = await _finsam.RecordReferralConsentAsync(personRef);
        Expect("consent-granted");
        var referralId = await _finsam.SubmitReferralAsync(personRef);
        Expect("share");
        var caseId = await _finsam.WaitForQueuedCaseAsync(personRef);
        Expect("share"); // "received", reported in the same transaction that queued the case
        var status = "queued";
        if (random.Next(4) > 0)
        {
            await _finsam.PostJsonAsync(FinsamClient.OvanakerCoordinator, $"/api/ips/cases/{caseId}/assign", new { coachUserId = FinsamClient.OvanakerCoach }, HttpStatusCode.OK);
            Expect("share");
            status = "assigned";
            if (random.Next(2) == 0)
            {
                await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}/status", new { status = "active" }, HttpStatusCode.OK);
                Expect("share");
                status = "active";
            }

            await _finsam.GetJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}");
            Expect("view");
        }

        // The referrer's look is a recorded view once the unit has reported anything back.
        if ((await _finsam.GetJsonAsync(FinsamClient.Clinician, $"/api/referrals/{referralId}"))["status"]!.GetValue<string>() != "sent")
        {
            Expect("view");
        }

        _cases.Add((personRef, caseId, consentId, status));
    }

    private async Task RefusedReferralAsync()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        var response = await _finsam.SendAsync(FinsamClient.Clinician, HttpMethod.Post, "/api/referrals", FinsamClient.Referral(personRef));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Expect("deny");
    }

    private async Task LookAtAnotherUnitsCaseAsync(Random random)
    {
        var target = _cases[random.Next(_cases.Count)];
        var outsider = random.Next(2) == 0 ? FinsamClient.BollnasCoordinator : FinsamClient.BollnasCoach;
        Assert.Equal(HttpStatusCode.NotFound, (await _finsam.SendAsync(outsider, HttpMethod.Get, $"/api/ips/cases/{target.CaseId}")).StatusCode);
        Expect("deny");
    }

    private async Task RoleRefusedAsync(Random random)
    {
        var (user, path) = random.Next(5) switch
        {
            0 => (FinsamClient.Clinician, "/api/ips/queue"),
            1 => (AfOfficer, "/api/audit/records"),
            2 => (SocialWorker, "/api/ips/queue"),
            3 => (SocialWorker, "/api/audit/flags"),
            _ => (FkOfficer, "/api/ips/cases"),
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await _finsam.SendAsync(user, HttpMethod.Get, path)).StatusCode);
        Expect("deny");
    }

    private async Task AuditSearchAsync(Random random)
    {
        await _finsam.GetJsonAsync(FinsamClient.Auditor, $"/api/audit/records?personRef={_cases[random.Next(_cases.Count)].PersonRef}");
        Expect("audit-search");
    }

    private async Task RevokeThenStartAsync(Random random)
    {
        var assigned = _cases.Where(c => c.Status == "assigned").ToList();
        var target = assigned[random.Next(assigned.Count)];
        await _finsam.PostJsonAsync(FinsamClient.Clinician, $"/api/consents/{target.ConsentId}/revoke", new { reason = "Personen återkallade" }, HttpStatusCode.OK);
        Expect("consent-revoked");
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{target.CaseId}/status", new { status = "active" }, HttpStatusCode.OK);
        Expect("deny"); // the unit may no longer tell health care
        _cases[_cases.IndexOf(target)] = target with { Status = "active" };
    }

    /// <summary>
    /// A coordination consent for a new person, a meeting of all four parties (the social worker's unit too)
    /// with an invitation for each unit, and some of its participants looking at the shared view. Without an IPS
    /// case nobody follows the person at AF or FK, so the meeting adds no agency messages the test cannot count.
    /// </summary>
    private async Task MeetingStoryAsync(Random random)
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer(), FinsamClient.OvanakerCoach);
        var consentId = (await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, "/api/consents", FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("municipality", null, "meeting", "ips.plan"),
            FinsamClient.Provision("health-care", null, "meeting", "ips.plan"),
            FinsamClient.Provision("arbetsformedlingen", null, "meeting", "ips.plan", "fk.benefits"),
            FinsamClient.Provision("forsakringskassan", null, "meeting", "ips.plan", "health.workcapacity")), HttpStatusCode.Created))["consentId"]!.GetValue<Guid>();
        Expect("consent-granted");
        var meetingId = (await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, "/api/meetings", new
        {
            personRef,
            scheduledAt = DateTimeOffset.UtcNow.AddDays(7),
            mode = "digital",
            participants = MeetingParticipants.Select(p => new { party = p.Party, unitId = p.UnitId }).ToArray(),
            agenda = "Plan för arbete och försörjning",
        }, HttpStatusCode.Created))["meetingId"]!.GetValue<Guid>();
        Expect("meeting-invitation", MeetingParticipants.DistinctBy(p => p.UnitId).Count()); // one per participating unit
        var meeting = (personRef, meetingId, consentId);
        _meetings.Add(meeting);
        await SharedViewAsync(random, meeting);
    }

    /// <summary>Some participants look at the shared view: each section they get is a view, each withheld one a denial.</summary>
    private async Task SharedViewAsync(Random random, (string PersonRef, Guid MeetingId, Guid ConsentId) meeting)
    {
        foreach (var (userId, _, _) in MeetingParticipants.Where(_ => random.Next(2) == 0))
        {
            var sections = (await _finsam.GetJsonAsync(userId, $"/api/meetings/{meeting.MeetingId}/shared-view"))["sections"]!.AsArray();
            foreach (var status in sections.Select(s => s!["status"]!.GetValue<string>()))
            {
                // A source that did not answer in time gave nothing, and nothing is recorded for it.
                if (status != "unavailable")
                {
                    Expect(status == "ok" ? "view" : "deny");
                    _byParticipant[$"{userId} {status}"] = _byParticipant.GetValueOrDefault($"{userId} {status}") + 1;
                }
            }
        }
    }

    /// <summary>Someone from a unit that does not take part asks for a meeting's shared view: "no such meeting", recorded by the coordination service.</summary>
    private async Task OutsiderAtAMeetingAsync(Random random)
    {
        var target = _meetings[random.Next(_meetings.Count)];
        var outsider = random.Next(2) == 0 ? FinsamClient.BollnasCoordinator : FinsamClient.BollnasCoach;
        Assert.Equal(HttpStatusCode.NotFound, (await _finsam.SendAsync(outsider, HttpMethod.Get, $"/api/meetings/{target.MeetingId}/shared-view")).StatusCode);
        Expect("deny");
    }

    /// <summary>The person withdraws the coordination consent; a participant who looks afterwards gets every section withheld, each recorded as a denial.</summary>
    private async Task RevokeCoordinationThenLookAsync(Random random)
    {
        var target = _meetings[random.Next(_meetings.Count)];
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, $"/api/consents/{target.ConsentId}/revoke", new { reason = "Personen återkallade" }, HttpStatusCode.OK);
        Expect("consent-revoked");
        _meetings.Remove(target);
        await SharedViewAsync(random, target);
    }

    private IEnumerable<Func<CancellationToken, Task<DbSession>>> Outboxes() =>
    [
        ct => app.Services.GetRequiredService<ServiceDatabase<ConsentService>>().ConnectAsync(ct),
        ct => app.Services.GetRequiredService<ServiceDatabase<HealthCareService>>().ConnectAsync(ct),
        ct => app.Services.GetRequiredService<ServiceDatabase<MunicipalityService>>().ConnectAsync(ct),
        ct => app.Services.GetRequiredService<ServiceDatabase<ArbetsformedlingenService>>().ConnectAsync(ct),
        ct => app.Services.GetRequiredService<ServiceDatabase<ForsakringskassanService>>().ConnectAsync(ct),
        ct => app.Services.GetRequiredService<ServiceDatabase<CoordinationService>>().ConnectAsync(ct),
        ct => app.Services.GetRequiredService<ServiceDatabase<GatewayService>>().ConnectAsync(ct),
    ];

    /// <summary>Every audited message every service committed: each is one event the audit log must hold once.</summary>
    private async Task<int> OutboxTotalAsync()
    {
        var total = 0;
        foreach (var open in Outboxes())
        {
            await using var session = await open(TestContext.Current.CancellationToken);
            total += (await session.QueryAsync<string>("SELECT message_type FROM outbox_messages"))
                .Count(type => AuditedMessages.IsAudited(OutboxMessageTypes.Resolve(type)));
        }

        return total;
    }

    /// <summary>As if every service crashed after publishing and before marking: all of it goes out again, same ids.</summary>
    private async Task ResendEveryOutboxMessageAsync()
    {
        foreach (var open in Outboxes())
        {
            await using var session = await open(TestContext.Current.CancellationToken);
            await session.ExecuteAsync("UPDATE outbox_messages SET sent_at = NULL");
        }

        // Wake the relays now rather than at their next poll.
        app.Services.GetRequiredService<ServiceDatabase<ConsentService>>().OutboxSignal.Notify();
        app.Services.GetRequiredService<ServiceDatabase<HealthCareService>>().OutboxSignal.Notify();
        app.Services.GetRequiredService<ServiceDatabase<MunicipalityService>>().OutboxSignal.Notify();
        app.Services.GetRequiredService<ServiceDatabase<ArbetsformedlingenService>>().OutboxSignal.Notify();
        app.Services.GetRequiredService<ServiceDatabase<ForsakringskassanService>>().OutboxSignal.Notify();
        app.Services.GetRequiredService<ServiceDatabase<CoordinationService>>().OutboxSignal.Notify();
        app.Services.GetRequiredService<ServiceDatabase<GatewayService>>().OutboxSignal.Notify();
    }

    private async Task<Dictionary<string, int>> RecordedByActionAsync()
    {
        await using var session = await app.Services.GetRequiredService<ServiceDatabase<AuditService>>().ConnectAsync(TestContext.Current.CancellationToken);
        var counts = (await session.QueryAsync<(string Action, long Count)>("SELECT action AS Action, COUNT(*) AS Count FROM audit_records GROUP BY action"))
            .ToDictionary(r => r.Action, r => (int)r.Count);
        return _expected.Keys.ToDictionary(k => k, k => counts.GetValueOrDefault(k));
    }

    /// <summary>Counts what the audit service's consumers finish: they alone consume these message types.</summary>
    private sealed class AuditConsumeCounter : IConsumeObserver
    {
        private int _completed;

        public int Completed => Volatile.Read(ref _completed);

        public Task PreConsume<T>(ConsumeContext<T> context)
            where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context)
            where T : class
        {
            if (typeof(T) == typeof(IDataShare) || typeof(T) == typeof(AccessRecorded) || typeof(T) == typeof(ConsentGranted) || typeof(T) == typeof(ConsentRevoked)
                || typeof(T) == typeof(MeetingParticipantInvited))
            {
                Interlocked.Increment(ref _completed);
            }

            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }
}
