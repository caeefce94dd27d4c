using System.Net;
using System.Text.Json.Nodes;
using Finsam.Contracts.Api.Meetings;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Meetings;
using Finsam.ServiceDefaults.Messaging;
using Finsam.Testing;
using static Finsam.Coordination.Tests.CoordinationApp;

namespace Finsam.Coordination.Tests;

/// <summary>
/// Scheduling a follow-up meeting: every participating unit must be covered by a coordination consent for the
/// meeting category; each covered unit's invitation is published with the meeting, and a refused meeting invites
/// nobody and records a denial for each unit the consent does not cover.
/// </summary>
public sealed class ScheduleMeetingTests : IClassFixture<CoordinationApp>
{
    private static readonly string Invitation = OutboxMessageTypes.NameOf(typeof(MeetingParticipantInvited));
    private static readonly string Access = OutboxMessageTypes.NameOf(typeof(AccessRecorded));

    private readonly CoordinationApp _app;

    public ScheduleMeetingTests(CoordinationApp app)
    {
        _app = app;
        _app.Consent.PermitAll();
    }

    [Fact]
    public async Task A_meeting_the_consent_covers_for_every_unit_is_created_with_its_participants()
    {
        var personRef = NewPersonRef();

        var response = await _app.PostAsync(Coach, "/coordination/meetings", Meeting(personRef, Participant(Coach, byName: true), Participant(FkOfficer)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var meeting = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal($"/coordination/meetings/{meeting["meetingId"]}", response.Headers.Location?.OriginalString);
        Assert.Equal(personRef, meeting["personRef"]!.GetValue<string>());
        Assert.Equal(["municipality ovanaker-ips erik.holm", "forsakringskassan fk-gavle "],
            meeting["participants"]!.AsArray().Select(p => $"{p!["party"]} {p["unitId"]} {p["userId"]}"));
        Assert.Single(await _app.MeetingsAsync(FkOfficer, personRef));
    }

    [Fact]
    public async Task Each_participating_unit_is_invited_under_the_consent_that_covers_it()
    {
        var personRef = NewPersonRef();

        var meetingId = await _app.ScheduleAsync(personRef, Coach, Participant(Coach, byName: true), Participant(FkOfficer), Participant(AfOfficer));

        var invitations = (await _app.OutboxAsync(personRef)).Where(m => m.Type == Invitation).Select(m => m.Body).ToList();
        Assert.Equal(["arbetsformedlingen af-bollnas", "forsakringskassan fk-gavle", "municipality ovanaker-ips"],
            invitations.Select(i => $"{i["participantParty"]} {i["participantUnitId"]}").Order(StringComparer.Ordinal));
        Assert.All(invitations, i =>
        {
            Assert.Equal(meetingId, i["meetingId"]!.GetValue<Guid>());
            Assert.Equal(ConsentServiceStub.ConsentId, i["consentId"]!.GetValue<Guid>());
            Assert.Equal(Coach.UserId, i["invitedBy"]!["userId"]!.GetValue<string>());
        });
        var ips = invitations.Single(i => i["participantUnitId"]!.GetValue<string>() == "ovanaker-ips");
        Assert.Equal([Coach.UserId], ips["participantUserIds"]!.AsArray().Select(u => u!.GetValue<string>()));
        Assert.DoesNotContain(await _app.OutboxAsync(personRef), m => m.Type == Access);
    }

    [Fact]
    public async Task The_invitations_reach_the_bus()
    {
        var personRef = NewPersonRef();

        await _app.ScheduleAsync(personRef, Coach, Participant(Coach), Participant(FkOfficer));

        // The relay publishes after the commit: wait for it. The harness's own wait ends at its inactivity timeout,
        // which a class-wide harness idle since the previous test has already reached.
        await Eventually.HoldsAsync(() => _app.Factory.Harness.Published.Select<MeetingParticipantInvited>()
            .Any(m => m.Context.Message.PersonRef == personRef && m.Context.Message.ParticipantUnitId == "fk-gavle"));
    }

    [Fact]
    public async Task The_consent_is_asked_once_per_unit_for_the_meeting_category_for_coordination()
    {
        var personRef = NewPersonRef();
        var sara = Coach with { UserId = "sara.nystrom" };

        await _app.ScheduleAsync(personRef, Coach, Participant(Coach, byName: true), Participant(sara, byName: true), Participant(FkOfficer));

        var asked = _app.Consent.Requests.Where(r => r.PersonRef == personRef).ToList();
        Assert.Equal(["forsakringskassan fk-gavle", "municipality ovanaker-ips"], asked.Select(r => $"{r.RecipientParty} {r.RecipientUnitId}").Order(StringComparer.Ordinal));
        Assert.All(asked, r =>
        {
            Assert.Equal([DataCategories.Meeting], r.Categories);
            Assert.Equal(Purposes.Coordination, r.Purpose);
        });
    }

    [Fact]
    public async Task A_participant_named_twice_takes_part_once()
    {
        var personRef = NewPersonRef();

        var response = await _app.PostAsync(Coach, "/coordination/meetings", Meeting(personRef, Participant(Coach), Participant(Coach)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Single(JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["participants"]!.AsArray());
    }

    [Fact]
    public async Task A_meeting_with_a_unit_the_consent_does_not_cover_is_refused_as_consent_required_and_invites_nobody()
    {
        var personRef = NewPersonRef();
        _app.Consent.AnswerWith(r => r.RecipientParty == Parties.Forsakringskassan
            ? ConsentDecision.Deny(ConsentDecision.NoConsent)
            : new ConsentDecision(true, ConsentServiceStub.ConsentId, r.Categories, null));

        var response = await _app.PostAsync(Coach, "/coordination/meetings", Meeting(personRef, Participant(Coach), Participant(FkOfficer), Participant(AfOfficer)));

        var detail = await AssertProblemAsync(response, HttpStatusCode.Forbidden, "/problems/consent-required");
        Assert.Contains("Försäkringskassan", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Arbetsförmedlingen", detail, StringComparison.Ordinal);
        Assert.Empty(await _app.MeetingsAsync(Coach, personRef));
        var published = await _app.OutboxAsync(personRef);
        Assert.DoesNotContain(published, m => m.Type == Invitation);
        var denial = Assert.Single(published, m => m.Type == Access).Body;
        Assert.Equal(AuditActions.Deny, denial["action"]!.GetValue<string>());
        Assert.Equal("forsakringskassan fk-gavle", $"{denial["recipientParty"]} {denial["recipientUnitId"]}");
        Assert.Equal(ConsentDecision.NoConsent, denial["reason"]!.GetValue<string>());
        Assert.Equal([DataCategories.Meeting], denial["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public async Task Without_a_consent_decision_the_meeting_is_refused_and_each_denial_says_none_could_be_had()
    {
        var personRef = NewPersonRef();
        _app.Consent.GoDown();

        var response = await _app.PostAsync(Coach, "/coordination/meetings", Meeting(personRef, Participant(Coach), Participant(FkOfficer)));

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "/problems/consent-required");
        Assert.Empty(await _app.MeetingsAsync(Coach, personRef));
        var denials = (await _app.OutboxAsync(personRef)).Where(m => m.Type == Access).Select(m => m.Body).ToList();
        Assert.Equal(2, denials.Count);
        Assert.All(denials, d => Assert.Equal(ConsentDecision.Unavailable, d["reason"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_one_who_books_must_take_part()
    {
        var personRef = NewPersonRef();

        var response = await _app.PostAsync(Coach, "/coordination/meetings", Meeting(personRef, Participant(FkOfficer)));

        await AssertInvalidAsync(response, "participants");
        Assert.Equal(0, _app.Consent.Requests.Count(r => r.PersonRef == personRef));
    }

    public static TheoryData<string, string> InvalidMeetings => new()
    {
        { """{"personRef":"pr-0123","scheduledAt":"2030-01-01T09:00:00Z","mode":"digital","participants":[{"party":"municipality","unitId":"ovanaker-ips"}]}""", "personRef" },
        { """{"personRef":"{p}","scheduledAt":"2020-01-01T09:00:00Z","mode":"digital","participants":[{"party":"municipality","unitId":"ovanaker-ips"}]}""", "scheduledAt" },
        { """{"personRef":"{p}","mode":"digital","participants":[{"party":"municipality","unitId":"ovanaker-ips"}]}""", "scheduledAt" },
        { """{"personRef":"{p}","scheduledAt":"2030-01-01T09:00:00Z","mode":"carrier-pigeon","participants":[{"party":"municipality","unitId":"ovanaker-ips"}]}""", "mode" },
        { $$"""{"personRef":"{p}","scheduledAt":"2030-01-01T09:00:00Z","mode":"phone","agenda":"{{new string('x', 4001)}}","participants":[{"party":"municipality","unitId":"ovanaker-ips"}]}""", "agenda" },
        { """{"personRef":"{p}","scheduledAt":"2030-01-01T09:00:00Z","mode":"digital","participants":[]}""", "participants" },
        { $$"""{"personRef":"{p}","scheduledAt":"2030-01-01T09:00:00Z","mode":"digital","participants":[{{string.Join(",", Enumerable.Repeat("""{"party":"municipality","unitId":"ovanaker-ips"}""", 31))}}]}""", "participants" },
        { """{"personRef":"{p}","scheduledAt":"2030-01-01T09:00:00Z","mode":"digital","participants":[{"party":"the-police","unitId":"x"}]}""", "participants[0].party" },
        { """{"personRef":"{p}","scheduledAt":"2030-01-01T09:00:00Z","mode":"digital","participants":[{"party":"municipality","unitId":"no-such-unit"}]}""", "participants[0].unitId" },
        { """{"personRef":"{p}","scheduledAt":"2030-01-01T09:00:00Z","mode":"digital","participants":[{"party":"forsakringskassan","unitId":"ovanaker-ips"}]}""", "participants[0].unitId" },
        { """{"personRef":"{p}","scheduledAt":"2030-01-01T09:00:00Z","mode":"digital","participants":[{"party":"municipality","unitId":"ovanaker-ips","userId":"eva.karlsson"}]}""", "participants[0].userId" },
    };

    [Theory]
    [MemberData(nameof(InvalidMeetings))]
    public async Task An_invalid_meeting_is_refused_naming_the_field_before_consent_is_asked_and_nothing_is_stored(string template, string field)
    {
        var personRef = NewPersonRef();

        var response = await _app.PostAsync(Coach, "/coordination/meetings", JsonNode.Parse(template.Replace("{p}", personRef, StringComparison.Ordinal)));

        await AssertInvalidAsync(response, field);
        Assert.Equal(0, _app.Consent.Requests.Count(r => r.PersonRef == personRef));
        Assert.Empty(await _app.MeetingsAsync(Coach, personRef));
        Assert.Empty(await _app.OutboxAsync(personRef));
    }
}
