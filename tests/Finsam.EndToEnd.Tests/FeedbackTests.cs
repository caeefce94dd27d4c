using System.Net;
using System.Text.Json.Nodes;

namespace Finsam.EndToEnd.Tests;

/// <summary>
/// Feedback and complaints (issue 14 item 2): the person writes about a unit or its staff, it reaches that unit's
/// handler (the IPS unit's coordinator unless the county names others) and no one else, who answers once; the person
/// sees the status and the answer.
/// </summary>
public sealed class FeedbackTests(FinsamApp app) : IClassFixture<FinsamApp>
{
    private readonly FinsamClient _finsam = new(app.CreateClient);

    private static string NewResident() => FinsamClient.Resident(FinsamClient.NewPersonnummer());

    private async Task<Guid> SubmitAsync(string resident, string? unitId, string kind = "complaint", string text = "Min coach har inte hört av sig på sex veckor.") =>
        (await _finsam.PostJsonAsync(resident, "/api/me/feedback", new { kind, unitId, text }, HttpStatusCode.Created))["feedbackId"]!.GetValue<Guid>();

    private async Task<List<JsonNode>> HandledByAsync(string userId) =>
        [.. (await _finsam.GetJsonAsync(userId, "/api/feedback")).AsArray().Select(f => f!)];

    private static Guid IdOf(JsonNode feedback) => feedback["feedbackId"]!.GetValue<Guid>();

    [Fact]
    public async Task A_complaint_about_an_ips_unit_reaches_its_coordinator_whose_answer_reaches_the_person()
    {
        var resident = NewResident();
        var feedbackId = await SubmitAsync(resident, FinsamClient.OvanakerIps);
        Assert.Contains(await HandledByAsync(FinsamClient.OvanakerCoordinator), f => IdOf(f) == feedbackId);

        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoordinator, $"/api/feedback/{feedbackId}/answer",
            new { text = "Förlåt. Din coach ringer dig i morgon, och vi ses gärna alla tre." }, HttpStatusCode.OK);

        var mine = Assert.Single((await _finsam.GetJsonAsync(resident, "/api/me/feedback")).AsArray())!;
        Assert.Equal(("answered", "Förlåt. Din coach ringer dig i morgon, och vi ses gärna alla tre."),
            (mine["status"]!.GetValue<string>(), mine["answer"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_complaint_about_another_municipalitys_unit_is_neither_visible_nor_answerable_there()
    {
        var feedbackId = await SubmitAsync(NewResident(), FinsamClient.OvanakerIps);

        Assert.DoesNotContain(await HandledByAsync(FinsamClient.BollnasCoordinator), f => IdOf(f) == feedbackId);
        var answer = await _finsam.SendAsync(FinsamClient.BollnasCoordinator, HttpMethod.Post, $"/api/feedback/{feedbackId}/answer", new { text = "Svar" });
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    [Fact]
    public async Task A_coach_of_the_unit_does_not_handle_its_complaints()
    {
        var feedbackId = await SubmitAsync(NewResident(), FinsamClient.OvanakerIps);

        Assert.DoesNotContain(await HandledByAsync(FinsamClient.OvanakerCoach), f => IdOf(f) == feedbackId);
    }

    [Fact]
    public async Task Feedback_about_a_unit_without_a_coordinator_goes_to_its_named_handler()
    {
        var feedbackId = await SubmitAsync(NewResident(), "fk-gavle", "praise", "Eva förklarade allt tydligt.");

        Assert.Contains(await HandledByAsync(FinsamClient.FkOfficer), f => IdOf(f) == feedbackId);
        Assert.DoesNotContain(await HandledByAsync(FinsamClient.OvanakerCoordinator), f => IdOf(f) == feedbackId);
    }

    [Fact]
    public async Task Feedback_that_names_no_unit_goes_to_the_associations_office()
    {
        var feedbackId = await SubmitAsync(NewResident(), null, "suggestion", "Det borde gå att boka möten digitalt.");

        Assert.Contains(await HandledByAsync(FinsamClient.JointAuditor), f => IdOf(f) == feedbackId);
        Assert.DoesNotContain(await HandledByAsync(FinsamClient.OvanakerCoordinator), f => IdOf(f) == feedbackId);
    }

    [Fact]
    public async Task Feedback_is_answered_once()
    {
        var feedbackId = await SubmitAsync(NewResident(), FinsamClient.OvanakerIps);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoordinator, $"/api/feedback/{feedbackId}/answer", new { text = "Tack." }, HttpStatusCode.OK);

        var again = await _finsam.SendAsync(FinsamClient.OvanakerCoordinator, HttpMethod.Post, $"/api/feedback/{feedbackId}/answer", new { text = "Ett annat svar." });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Theory]
    [InlineData("complaint", "", FinsamClient.OvanakerIps, "text")]
    [InlineData("anger", "Text", FinsamClient.OvanakerIps, "kind")]
    [InlineData("complaint", "Text", "no-such-unit", "unitId")]
    public async Task Bad_feedback_is_refused_naming_its_field_and_nothing_is_stored(string kind, string text, string unitId, string field)
    {
        var resident = NewResident();

        var response = await _finsam.SendAsync(resident, HttpMethod.Post, "/api/me/feedback", new { kind, text, unitId });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Empty((await _finsam.GetJsonAsync(resident, "/api/me/feedback")).AsArray());
    }
}
