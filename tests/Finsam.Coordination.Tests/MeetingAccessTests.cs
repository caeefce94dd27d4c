using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Finsam.Contracts.Api.Meetings;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Disclosures;
using Finsam.ServiceDefaults.Messaging;
using Finsam.Testing;
using static Finsam.Coordination.Tests.CoordinationApp;

namespace Finsam.Coordination.Tests;

/// <summary>
/// Only participants see a meeting. Anyone else is told it does not exist, and the attempt is recorded; a
/// participant whose party the consent no longer covers is refused the content, and that is recorded too.
/// </summary>
public sealed class MeetingAccessTests : IClassFixture<CoordinationApp>
{
    private static readonly string Access = OutboxMessageTypes.NameOf(typeof(AccessRecorded));

    private readonly CoordinationApp _app;

    public MeetingAccessTests(CoordinationApp app)
    {
        _app = app;
        _app.Consent.PermitAll();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> GetAsync(Actor actor, string path)
    {
        using var client = _app.As(actor);
        return await client.GetAsync(path, Ct);
    }

    private async Task<List<JsonNode>> DenialsAsync(string personRef) =>
        [.. (await _app.OutboxAsync(personRef)).Where(m => m.Type == Access && m.Body["action"]!.GetValue<string>() == AuditActions.Deny).Select(m => m.Body)];

    [Fact]
    public async Task A_participant_learns_whom_the_meeting_is_about_and_nothing_else()
    {
        var personRef = NewPersonRef();
        var meetingId = await _app.ScheduleAsync(personRef, Coach, Participant(Coach), Participant(FkOfficer));

        var response = await GetAsync(FkOfficer, $"/coordination/meetings/{meetingId}/participation");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var participation = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
        Assert.Equal(["meetingId", "personRef"], participation.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(personRef, participation["personRef"]!.GetValue<string>());
        Assert.Equal("[]", response.Headers.GetValues(DisclosureHeader.Name).Single());
    }

    [Theory]
    [InlineData("participation")]
    [InlineData("")]
    public async Task Someone_whose_unit_does_not_take_part_is_told_the_meeting_does_not_exist_and_the_attempt_is_recorded(string resource)
    {
        var personRef = NewPersonRef();
        var meetingId = await _app.ScheduleAsync(personRef, Coach, Participant(Coach), Participant(FkOfficer));

        var response = await GetAsync(BollnasCoordinator, $"/coordination/meetings/{meetingId}/{resource}".TrimEnd('/'));

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "/problems/not-found");
        var denial = Assert.Single(await DenialsAsync(personRef));
        Assert.Equal(BollnasCoordinator.UserId, denial["actor"]!["userId"]!.GetValue<string>());
        Assert.Equal("not-meeting-participant", denial["reason"]!.GetValue<string>());
        Assert.Equal([DataCategories.Meeting], denial["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public async Task A_colleague_of_the_one_named_is_not_a_participant()
    {
        var personRef = NewPersonRef();
        var meetingId = await _app.ScheduleAsync(personRef, Coach, Participant(Coach, byName: true), Participant(FkOfficer));

        var response = await GetAsync(OvanakerCoordinator, $"/coordination/meetings/{meetingId}/participation");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Single(await DenialsAsync(personRef));
    }

    [Fact]
    public async Task A_meeting_that_does_not_exist_is_not_found_and_records_nothing()
    {
        var response = await GetAsync(Coach, $"/coordination/meetings/{Guid.NewGuid()}/participation");

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "/problems/not-found");
    }

    [Fact]
    public async Task Reading_a_meeting_declares_a_view_of_the_meeting_under_the_consent_that_covers_the_reader()
    {
        var personRef = NewPersonRef();
        var meetingId = await _app.ScheduleAsync(personRef, Coach, Participant(Coach), Participant(FkOfficer));

        var response = await GetAsync(FkOfficer, $"/coordination/meetings/{meetingId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var meeting = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal(ConsentServiceStub.ConsentId, meeting["consentId"]!.GetValue<Guid>());
        var declared = Assert.Single(DisclosureHeader.Parse(response.Headers.GetValues(DisclosureHeader.Name).Single())!);
        Assert.Equal(
            (personRef, (string?)null, Purposes.Coordination, (Guid?)ConsentServiceStub.ConsentId),
            (declared.PersonRef, declared.SourceParty, declared.Purpose, declared.ConsentId));
        Assert.Equal([DataCategories.Meeting], declared.Categories);
    }

    [Fact]
    public async Task A_participant_the_consent_no_longer_covers_is_refused_as_consent_required_and_the_refusal_is_recorded()
    {
        var personRef = NewPersonRef();
        var meetingId = await _app.ScheduleAsync(personRef, Coach, Participant(Coach), Participant(FkOfficer));
        _app.Consent.DenyAll(); // the person revoked the consent

        var response = await GetAsync(FkOfficer, $"/coordination/meetings/{meetingId}");

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "/problems/consent-required");
        var denial = Assert.Single(await DenialsAsync(personRef));
        Assert.Equal(FkOfficer.UserId, denial["actor"]!["userId"]!.GetValue<string>());
        Assert.Equal(ConsentDecision.NoConsent, denial["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Participants_the_consent_no_longer_covers_are_shown_as_not_covered()
    {
        var personRef = NewPersonRef();
        var meetingId = await _app.ScheduleAsync(personRef, Coach, Participant(Coach), Participant(FkOfficer), Participant(AfOfficer));
        _app.Consent.AnswerWith(r => r.RecipientParty == Parties.Forsakringskassan
            ? ConsentDecision.Deny(ConsentDecision.NoConsent)
            : new ConsentDecision(true, ConsentServiceStub.ConsentId, r.Categories, null));

        using var client = _app.As(Coach);
        var meeting = (await client.GetFromJsonAsync<JsonObject>($"/coordination/meetings/{meetingId}", Ct))!;

        Assert.Equal(["arbetsformedlingen True", "forsakringskassan False", "municipality True"],
            meeting["participants"]!.AsArray().Select(p => $"{p!["party"]} {p["covered"]!.GetValue<bool>()}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_list_shows_the_persons_meetings_the_callers_unit_takes_part_in_and_only_when_how_and_who()
    {
        var personRef = NewPersonRef();
        var withFk = await _app.ScheduleAsync(personRef, Coach, Participant(Coach), Participant(FkOfficer));
        await _app.ScheduleAsync(personRef, Coach, Participant(Coach), Participant(AfOfficer));

        var listed = await _app.MeetingsAsync(FkOfficer, personRef);

        var summary = Assert.Single(listed)!.AsObject();
        Assert.Equal(withFk, summary["meetingId"]!.GetValue<Guid>());
        Assert.Equal(["meetingId", "mode", "participants", "scheduledAt"], summary.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await _app.MeetingsAsync(Coach, personRef)).Count);
    }

    [Theory]
    [InlineData("bad")]
    [InlineData("pr-0123")]
    [InlineData("")]
    public async Task Listing_for_a_malformed_personRef_is_refused(string personRef)
    {
        var response = await GetAsync(Coach, $"/coordination/meetings?personRef={personRef}");

        await AssertInvalidAsync(response, "personRef");
    }
}
