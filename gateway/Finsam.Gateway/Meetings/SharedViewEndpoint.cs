using System.Text.Json;
using System.Text.Json.Nodes;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Sections;
using Finsam.Contracts.Sharing;
using Finsam.Gateway.Identity;
using Finsam.Gateway.Proxy;
using Finsam.ServiceDefaults.Consent;
using Finsam.ServiceDefaults.Data;
using Microsoft.Extensions.Options;

namespace Finsam.Gateway.Meetings;

public sealed class SharedViewOptions
{
    /// <summary>How long the view waits for a party's service; what has not answered by then is "unavailable".</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(2);
}

public sealed record SharedViewSection(string Party, string Category, string Status, JsonObject? Data);

public sealed record SharedView(Guid MeetingId, string PersonRef, DateTimeOffset GeneratedAt, IReadOnlyList<SharedViewSection> Sections);

/// <summary>
/// The one shared picture of a follow-up meeting. For the participant who asks, it pulls from every party
/// exactly what the person's <c>coordination</c> consent lets the participant's party (and unit) have: each
/// source is asked in parallel, with a grant that lists only the permitted categories, under one deadline.
/// A section is <c>ok</c>, <c>withheld</c> (no consent: no data, no hint of it) or <c>unavailable</c>
/// (the source did not answer in time). Every <c>ok</c> section is recorded as a view and every withheld one
/// as a denial, in one commit before the answer leaves.
/// </summary>
public static class SharedViewEndpoint
{
    public const string Ok = "ok";
    public const string Withheld = "withheld";
    public const string Unavailable = "unavailable";

    public static async Task<IResult> HandleAsync(
        Guid meetingId, HttpContext context, ServiceApis services, ConsentDecisionClient<GatewayService> consent,
        ServiceDatabase<GatewayService> database, IOptions<SharedViewOptions> options, TimeProvider clock)
    {
        var viewer = context.User.ToActor();
        var cancellationToken = context.RequestAborted;
        var meeting = await services.GetAsync("coordination", $"coordination/meetings/{meetingId}/participation",
            new GrantScope(viewer, Purposes.Coordination, Categories: [DataCategories.Meeting]), cancellationToken);
        if (!meeting.IsSuccess)
        {
            return meeting.ToResult(); // 404 for anyone who does not take part; the coordination service recorded it
        }

        var personRef = meeting.Json.StringOf("personRef")!;
        // One decision covers every category of every party: provisions name the recipient, not the source.
        // The viewer's own party gets no exception: the shared view is the consented picture (its own
        // systems show a party its own data), and a party is many units under separate secrecy.
        var decision = await consent.DecideAsync(
            new ConsentDecisionRequest(personRef, viewer.Party, viewer.UnitId, [.. SectionCatalogue.ByParty.Values.SelectMany(c => c)], Purposes.Coordination),
            viewer, cancellationToken);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.Deadline);
        var perParty = await Task.WhenAll(SectionCatalogue.ByParty.Select(party =>
            ReadPartyAsync(services, viewer, personRef, party.Key, party.Value, decision, deadline.Token, cancellationToken)));
        var sections = perParty.SelectMany(s => s).ToList();

        await RecordAsync(database, viewer, personRef, sections, decision, clock.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(new SharedView(meetingId, personRef, clock.GetUtcNow(), sections));
    }

    private static async Task<IReadOnlyList<SharedViewSection>> ReadPartyAsync(
        ServiceApis services, Actor viewer, string personRef, string party, IReadOnlyList<string> categories, ConsentDecision decision,
        CancellationToken deadline, CancellationToken request)
    {
        var allowed = categories.Where(decision.PermittedCategories.Contains).ToList();
        var answered = new Dictionary<string, JsonObject?>();
        if (allowed.Count > 0)
        {
            var service = SectionCatalogue.ServiceOf(party);
            try
            {
                var response = await services.GetSectionsAsync(service, $"{service}/persons/{personRef}/sections",
                    new GrantScope(viewer, Purposes.Coordination, personRef, allowed, decision.ConsentId), deadline);
                if (response.IsSuccess && response.Json is JsonArray returned)
                {
                    foreach (var section in returned.Deserialize<List<PersonSection>>(JsonSerializerOptions.Web) ?? [])
                    {
                        answered[section.Category] = section.Data;
                    }
                }
            }
            catch (Exception) when (!request.IsCancellationRequested)
            {
                // Whatever failed (refused, timed out, open circuit, bad answer): unavailable, and the rest still returns.
            }
        }

        return [.. categories.Select(category =>
            !allowed.Contains(category) ? new SharedViewSection(party, category, Withheld, null)
            : answered.TryGetValue(category, out var data) ? new SharedViewSection(party, category, Ok, data)
            : new SharedViewSection(party, category, Unavailable, null))];
    }

    private static async Task RecordAsync(
        ServiceDatabase<GatewayService> database, Actor viewer, string personRef, IReadOnlyList<SharedViewSection> sections, ConsentDecision decision,
        DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var session = await database.BeginAsync(cancellationToken);
        foreach (var section in sections.Where(s => s.Status != Unavailable))
        {
            await session.EnqueueAsync(new AccessRecorded
            {
                Action = section.Status == Ok ? AuditActions.View : AuditActions.Deny,
                Actor = viewer,
                PersonRef = personRef,
                SourceParty = section.Party,
                RecipientParty = viewer.Party,
                RecipientUnitId = viewer.UnitId,
                Categories = [section.Category],
                Purpose = Purposes.Coordination,
                ConsentId = section.Status == Ok ? decision.ConsentId : null,
                Reason = section.Status == Withheld ? decision.Reason ?? ConsentDecision.NoConsent : null,
                OccurredAt = at,
            });
        }

        await session.CommitAsync();
    }
}
