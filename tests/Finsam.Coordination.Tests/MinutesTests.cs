using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Finsam.Contracts.Api.Meetings;
using Finsam.Contracts.Audit;
using Finsam.ServiceDefaults.Messaging;
using static Finsam.Coordination.Tests.CoordinationApp;

namespace Finsam.Coordination.Tests;

/// <summary>
/// A meeting ends with minutes: notes, decisions and action items, each owned by a party and dated. The content is
/// the meeting's own record: writing it publishes nothing.
/// </summary>
public sealed class MinutesTests : IClassFixture<CoordinationApp>
{
    private readonly CoordinationApp _app;

    public MinutesTests(CoordinationApp app)
    {
        _app = app;
        _app.Consent.PermitAll();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string InTwoWeeks => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(14)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static JsonObject Minutes(params object[] actions) => new()
    {
        ["notes"] = "Kim vill arbeta inom handel, 50 %. Sjukpenningen löper ut i januari.",
        ["decisions"] = new JsonArray("Sikta på praktik inom handel med lönebidrag."),
        ["actions"] = System.Text.Json.JsonSerializer.SerializeToNode(actions),
        ["nextMeetingAt"] = DateTimeOffset.UtcNow.AddDays(30),
    };

    private async Task<(string PersonRef, Guid MeetingId)> MeetingAsync()
    {
        var personRef = NewPersonRef();
        return (personRef, await _app.ScheduleAsync(personRef, Coach, Participant(Coach), Participant(FkOfficer), Participant(AfOfficer)));
    }

    private async Task<JsonObject> MeetingViewAsync(Guid meetingId)
    {
        using var client = _app.As(Coach);
        return (await client.GetFromJsonAsync<JsonObject>($"/coordination/meetings/{meetingId}", Ct))!;
    }

    private async Task<Guid> RecordActionAsync(Guid meetingId)
    {
        var response = await _app.PostAsync(Coach, $"/coordination/meetings/{meetingId}/minutes",
            Minutes(new { ownerParty = "forsakringskassan", description = "Avstämningsmöte om sjukpenningens fortsättning", due = InTwoWeeks }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["actions"]![0]!["actionId"]!.GetValue<Guid>();
    }

    private async Task AssertNoMinutesAsync(Guid meetingId)
    {
        var meeting = await MeetingViewAsync(meetingId);
        Assert.Null(meeting["notes"]);
        Assert.Null(meeting["nextMeetingAt"]);
        Assert.Empty(meeting["decisions"]!.AsArray());
        Assert.Empty(meeting["actions"]!.AsArray());
    }

    [Fact]
    public async Task Minutes_are_kept_with_decisions_and_action_items_owned_by_parties_with_dates()
    {
        var (_, meetingId) = await MeetingAsync();

        var response = await _app.PostAsync(Coach, $"/coordination/meetings/{meetingId}/minutes", Minutes(
            new { ownerParty = "arbetsformedlingen", ownerUnitId = "af-bollnas", description = "Utreda lönebidrag", due = InTwoWeeks },
            new { ownerParty = "forsakringskassan", description = "Avstämningsmöte", due = InTwoWeeks }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
        Assert.Equal(["actions", "meetingId"], answer.Select(p => p.Key).Order(StringComparer.Ordinal)); // only what the caller just wrote
        Assert.All(answer["actions"]!.AsArray(), a => Assert.NotEqual(Guid.Empty, a!["actionId"]!.GetValue<Guid>()));
        var meeting = await MeetingViewAsync(meetingId);
        Assert.StartsWith("Kim vill arbeta", meeting["notes"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(meeting["decisions"]!.AsArray());
        Assert.Equal(["arbetsformedlingen af-bollnas", "forsakringskassan "],
            meeting["actions"]!.AsArray().Select(a => $"{a!["ownerParty"]} {a["ownerUnitId"]}").Order(StringComparer.Ordinal));
        Assert.All(meeting["actions"]!.AsArray(), a => Assert.Equal(InTwoWeeks, a!["due"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_decisions_of_later_minutes_follow_those_of_earlier_ones()
    {
        var (_, meetingId) = await MeetingAsync();
        var second = Minutes();
        second["decisions"] = new JsonArray("Nytt möte efter praktikens första månad.");

        await _app.PostAsync(Coach, $"/coordination/meetings/{meetingId}/minutes", Minutes());
        await _app.PostAsync(Coach, $"/coordination/meetings/{meetingId}/minutes", second);

        Assert.Equal(["Sikta på praktik inom handel med lönebidrag.", "Nytt möte efter praktikens första månad."],
            (await MeetingViewAsync(meetingId))["decisions"]!.AsArray().Select(d => d!.GetValue<string>()));
    }

    [Fact]
    public async Task Writing_minutes_and_marking_an_action_done_publish_nothing()
    {
        var (personRef, meetingId) = await MeetingAsync();
        var before = (await _app.OutboxAsync(personRef)).Count;

        var actionId = await RecordActionAsync(meetingId);
        await _app.PostAsync(FkOfficer, $"/coordination/meetings/{meetingId}/actions/{actionId}/done", null);

        Assert.Equal(before, (await _app.OutboxAsync(personRef)).Count);
    }

    [Fact]
    public async Task Someone_who_does_not_take_part_cannot_write_minutes_and_the_attempt_is_recorded()
    {
        var (personRef, meetingId) = await MeetingAsync();

        var response = await _app.PostAsync(BollnasCoordinator, $"/coordination/meetings/{meetingId}/minutes", Minutes());

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "/problems/not-found");
        await AssertNoMinutesAsync(meetingId);
        Assert.Contains(await _app.OutboxAsync(personRef), m => m.Type == OutboxMessageTypes.NameOf(typeof(AccessRecorded)));
    }

    public static TheoryData<string, string> InvalidMinutes => new()
    {
        { """{"notes":"ok","actions":[{"description":"Utan ägare","due":"2030-01-01"}]}""", "actions[0].ownerParty" },
        { """{"notes":"ok","actions":[{"ownerParty":"the-police","description":"Okänd part","due":"2030-01-01"}]}""", "actions[0].ownerParty" },
        { """{"notes":"ok","actions":[{"ownerParty":"forsakringskassan","description":"Utan datum"}]}""", "actions[0].due" },
        { """{"notes":"ok","actions":[{"ownerParty":"forsakringskassan","description":"Fel form","due":"1 januari"}]}""", "actions[0].due" },
        { """{"notes":"ok","actions":[{"ownerParty":"forsakringskassan","due":"2030-01-01"}]}""", "actions[0].description" },
        { """{"notes":"ok","actions":[{"ownerParty":"forsakringskassan","ownerUnitId":"af-bollnas","description":"Fel enhet","due":"2030-01-01"}]}""", "actions[0].ownerUnitId" },
        { """{"notes":"ok","decisions":["  "]}""", "decisions" },
        { """{"notes":"ok","nextMeetingAt":"2020-01-01T09:00:00Z"}""", "nextMeetingAt" },
        { """{"notes":""}""", "notes" },
        { $$"""{"notes":"{{new string('x', 10_001)}}"}""", "notes" },
    };

    [Theory]
    [MemberData(nameof(InvalidMinutes))]
    public async Task Invalid_minutes_are_refused_naming_the_field_and_nothing_is_stored(string minutes, string field)
    {
        var (_, meetingId) = await MeetingAsync();

        var response = await _app.PostAsync(Coach, $"/coordination/meetings/{meetingId}/minutes", JsonNode.Parse(minutes));

        await AssertInvalidAsync(response, field);
        await AssertNoMinutesAsync(meetingId);
    }

    [Fact]
    public async Task An_action_is_marked_done_by_the_one_who_did_it()
    {
        var (_, meetingId) = await MeetingAsync();
        var actionId = await RecordActionAsync(meetingId);

        var response = await _app.PostAsync(FkOfficer, $"/coordination/meetings/{meetingId}/actions/{actionId}/done", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var action = (await MeetingViewAsync(meetingId))["actions"]![0]!;
        Assert.Equal(FkOfficer.UserId, action["doneBy"]!.GetValue<string>());
        Assert.NotNull(action["doneAt"]);
    }

    [Fact]
    public async Task Marking_an_action_done_a_second_time_is_a_conflict_and_keeps_the_first()
    {
        var (_, meetingId) = await MeetingAsync();
        var actionId = await RecordActionAsync(meetingId);
        await _app.PostAsync(FkOfficer, $"/coordination/meetings/{meetingId}/actions/{actionId}/done", null);

        var again = await _app.PostAsync(Coach, $"/coordination/meetings/{meetingId}/actions/{actionId}/done", null);

        await AssertProblemAsync(again, HttpStatusCode.Conflict, "/problems/conflict");
        Assert.Equal(FkOfficer.UserId, (await MeetingViewAsync(meetingId))["actions"]![0]!["doneBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Marking_an_action_the_meeting_does_not_have_is_not_found()
    {
        var (_, meetingId) = await MeetingAsync();
        await RecordActionAsync(meetingId);

        var response = await _app.PostAsync(Coach, $"/coordination/meetings/{meetingId}/actions/{Guid.NewGuid()}/done", null);

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "/problems/not-found");
    }

    [Fact]
    public async Task Someone_who_does_not_take_part_cannot_mark_an_action_done()
    {
        var (_, meetingId) = await MeetingAsync();
        var actionId = await RecordActionAsync(meetingId);

        var response = await _app.PostAsync(BollnasCoordinator, $"/coordination/meetings/{meetingId}/actions/{actionId}/done", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null((await MeetingViewAsync(meetingId))["actions"]![0]!["doneAt"]);
    }
}
