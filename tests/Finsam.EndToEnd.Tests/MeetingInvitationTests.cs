using System.Net;
using System.Text.Json;
using Finsam.Contracts.Meetings;
using Finsam.Coordination;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Messaging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.EndToEnd.Tests;

/// <summary>
/// Scheduling a meeting tells the audit log which units were invited, so that their later views of the
/// shared view have a relation to the person the log itself can see.
/// </summary>
public sealed class MeetingInvitationTests(MeetingInvitationTests.InvitationApp app) : IClassFixture<MeetingInvitationTests.InvitationApp>
{
    /// <summary>A generous shared-view deadline, so that a cold first call never leaves a section unavailable and unrecorded.</summary>
    public sealed class InvitationApp : FinsamApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Finsam:Gateway:SharedView:Deadline", "00:00:20");
        }
    }

    private const string Coach = FinsamClient.OvanakerCoach;
    private const string AfOfficer = "per.andersson";
    private readonly FinsamClient _finsam = new(app.CreateClient);

    private async Task<Guid> CoordinationConsentAsync(string personRef, params object[] provisions) =>
        (await _finsam.PostJsonAsync(Coach, "/api/consents", FinsamClient.SharingConsent(personRef, "coordination", provisions), HttpStatusCode.Created))["consentId"]!.GetValue<Guid>();

    private static object Meeting(string personRef, params object[] participants) => new
    {
        personRef, scheduledAt = DateTimeOffset.UtcNow.AddDays(7), mode = "digital", participants, agenda = "Plan för arbete och försörjning",
    };

    /// <summary>The invitations about the person that the coordination service has committed to its outbox.</summary>
    private async Task<List<MeetingParticipantInvited>> OutboxedInvitationsAsync(string personRef)
    {
        await using var session = await app.Services.GetRequiredService<ServiceDatabase<CoordinationService>>().ConnectAsync(TestContext.Current.CancellationToken);
        var bodies = await session.QueryAsync<string>(
            "SELECT body FROM outbox_messages WHERE message_type = @Type", new { Type = OutboxMessageTypes.NameOf(typeof(MeetingParticipantInvited)) });
        return [.. bodies.Select(b => JsonSerializer.Deserialize<MeetingParticipantInvited>(b, OutboxMessageTypes.JsonOptions)!).Where(i => i.PersonRef == personRef)];
    }

    [Fact]
    public async Task Scheduling_a_meeting_publishes_one_invitation_per_participating_unit_under_the_consent()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer(), Coach);
        var consentId = await CoordinationConsentAsync(personRef,
            FinsamClient.Provision("municipality", null, "meeting"), FinsamClient.Provision("arbetsformedlingen", null, "meeting"));

        var meetingId = (await _finsam.PostJsonAsync(Coach, "/api/meetings", Meeting(personRef,
            new { party = "municipality", unitId = FinsamClient.OvanakerIps, userId = Coach },
            new { party = "municipality", unitId = FinsamClient.OvanakerIps, userId = FinsamClient.OvanakerCoordinator },
            new { party = "arbetsformedlingen", unitId = "af-bollnas" }), HttpStatusCode.Created))["meetingId"]!.GetValue<Guid>();

        var invitations = await OutboxedInvitationsAsync(personRef);
        Assert.Equal(
            [$"arbetsformedlingen/af-bollnas [] by {Coach} {consentId}", $"municipality/ovanaker-ips [{Coach} {FinsamClient.OvanakerCoordinator}] by {Coach} {consentId}"],
            invitations.Select(i => $"{i.ParticipantParty}/{i.ParticipantUnitId} [{string.Join(' ', i.ParticipantUserIds)}] by {i.InvitedBy.UserId} {i.ConsentId}")
                .Order(StringComparer.Ordinal));
        Assert.All(invitations, i => Assert.Equal(meetingId, i.MeetingId));
    }

    [Fact]
    public async Task A_meeting_refused_for_want_of_consent_publishes_no_invitation()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer(), Coach);
        await CoordinationConsentAsync(personRef, FinsamClient.Provision("municipality", null, "meeting"));

        var response = await _finsam.SendAsync(Coach, HttpMethod.Post, "/api/meetings", Meeting(personRef,
            new { party = "municipality", unitId = FinsamClient.OvanakerIps }, new { party = "forsakringskassan", unitId = "fk-gavle" }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await OutboxedInvitationsAsync(personRef));
    }

    [Fact]
    public async Task An_invited_agency_looking_at_the_shared_view_is_not_flagged_as_having_no_relation_to_the_person()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer(), Coach);
        await CoordinationConsentAsync(personRef,
            FinsamClient.Provision("municipality", null, "meeting"), FinsamClient.Provision("arbetsformedlingen", null, "meeting", "ips.plan"));
        var meetingId = (await _finsam.PostJsonAsync(Coach, "/api/meetings", Meeting(personRef,
            new { party = "municipality", unitId = FinsamClient.OvanakerIps }, new { party = "arbetsformedlingen", unitId = "af-bollnas" }),
            HttpStatusCode.Created))["meetingId"]!.GetValue<Guid>();

        await _finsam.GetJsonAsync(AfOfficer, $"/api/meetings/{meetingId}/shared-view");

        await _finsam.AuditRecordsAsync(personRef, r =>
            r.Count(x => x["action"]!.GetValue<string>() == "meeting-invitation") == 2
            && r.Any(x => x["action"]!.GetValue<string>() == "view" && x["actor"]!["userId"]!.GetValue<string>() == AfOfficer));
        var flags = (await _finsam.GetJsonAsync(FinsamClient.Auditor, "/api/audit/flags"))["items"]!.AsArray();
        Assert.DoesNotContain(flags, f => f!["kind"]!.GetValue<string>() == "no-relation" && f["personRef"]?.GetValue<string>() == personRef);
    }
}
