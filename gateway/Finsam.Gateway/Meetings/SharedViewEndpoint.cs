using Finsam.Contracts.Api.Meetings;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Sections;
using Finsam.Contracts.Sharing;
using Finsam.Gateway.Access;
using Finsam.Gateway.Identity;
using Finsam.Gateway.Proxy;
using Finsam.ServiceDefaults.Consent;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Disclosures;
using Finsam.ServiceDefaults.Validation;
using Microsoft.Extensions.Options;

namespace Finsam.Gateway.Meetings;

public sealed class SharedViewOptions
{
    /// <summary>How long the view waits for a party's service; what has not answered by then is "unavailable".</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// The one shared picture of a follow-up meeting. For the participant who asks, it pulls from every party
/// exactly what the person's <c>coordination</c> consent lets the participant's party (and unit) have: each
/// source is asked in parallel, with a grant that lists only the permitted categories, under one deadline.
/// A section is <c>ok</c> (the source returned it and declared that it discloses it), <c>withheld</c> (no
/// consent: no data, no hint of it) or <c>unavailable</c> (the source did not answer in time, or answered
/// without declaring), <c>blocked</c> (a block, spärr, wins over the consent) or <c>awaiting-confirmation</c> (a
/// consent the viewer's own party recorded, that its source or the person has not confirmed). Every <c>ok</c>
/// section is recorded as a view from the source's declaration and every other but unavailable as a denial, with
/// its own reason, in one commit before the answer leaves.
/// </summary>
public static class SharedViewEndpoint
{
    public const string Ok = "ok";
    public const string Withheld = "withheld";
    public const string Unavailable = "unavailable";

    /// <summary>The person blocked it for this participant's party: its existence is shown, its content is not.</summary>
    public const string Blocked = "blocked";

    /// <summary>A consent would let the participant's party have it once its source or the person confirms (docs/adr/0024).</summary>
    public const string AwaitingConfirmation = "awaiting-confirmation";

    /// <summary>A section as read, with what its source declared it discloses (null unless <c>ok</c>).</summary>
    private sealed record ShownSection(SharedViewSection Section, Disclosure? Shown);

    public static async Task<IResult> HandleAsync(
        Guid meetingId, HttpContext context, ServiceApis services, ConsentDecisionClient<GatewayService> consent,
        ServiceDatabase<GatewayService> database, IOptions<SharedViewOptions> options, TimeProvider clock)
    {
        var viewer = context.User.ToActor();
        var cancellationToken = context.RequestAborted;
        var meeting = await services.ReadAsync("coordination", $"coordination/meetings/{meetingId}/participation",
            new GrantScope(viewer, Purposes.Coordination, Categories: [DataCategories.Meeting]), cancellationToken);
        if (!meeting.IsSuccess)
        {
            return meeting.ToResult(); // 404 for anyone who does not take part; the coordination service recorded it
        }

        if (meeting.ReadAs<Participation>() is not { PersonRef: { } personRef } || meeting.Disclosures is null)
        {
            return Problems.BadGateway("Samordningstjänsten gav ett svar som inte kan läsas.");
        }

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
        return TypedResults.Ok(new SharedView(meetingId, personRef, clock.GetUtcNow(), [.. sections.Select(s => s.Section)]));
    }

    private static async Task<IReadOnlyList<ShownSection>> ReadPartyAsync(
        ServiceApis services, Actor viewer, string personRef, string party, IReadOnlyList<string> categories, ConsentDecision decision,
        CancellationToken deadline, CancellationToken request)
    {
        var allowed = categories.Where(decision.PermittedCategories.Contains).ToList();
        var answered = await SectionReads.ReadAsync(
            services, new GrantScope(viewer, Purposes.Coordination, personRef, allowed, decision.ConsentId), party, deadline, request);

        return [.. categories.Select(category =>
            decision.BlockedCategories.Contains(category) ? new ShownSection(new SharedViewSection(party, category, Blocked, null), null)
            : decision.AwaitingConfirmationCategories.Contains(category) ? new ShownSection(new SharedViewSection(party, category, AwaitingConfirmation, null), null)
            : !allowed.Contains(category) ? new ShownSection(new SharedViewSection(party, category, Withheld, null), null)
            : answered.TryGetValue(category, out var read) ? new ShownSection(new SharedViewSection(party, category, Ok, read.Data), read.Shown)
            : new ShownSection(new SharedViewSection(party, category, Unavailable, null), null))];
    }

    private static async Task RecordAsync(
        ServiceDatabase<GatewayService> database, Actor viewer, string personRef, IReadOnlyList<ShownSection> sections, ConsentDecision decision,
        DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var session = await database.BeginAsync(cancellationToken);
        foreach (var (section, shown) in sections)
        {
            if (shown is not null)
            {
                await session.EnqueueAsync(AccessLog.ViewOf(viewer, shown, at));
            }
            else if (DenialReason(section.Status, decision) is { } reason)
            {
                await session.EnqueueAsync(AccessRecorded.Denial(
                    viewer, personRef, section.Party, viewer.Party, viewer.UnitId, [section.Category], Purposes.Coordination, reason, at));
            }
        }

        await session.CommitAsync();
    }

    /// <summary>Why a section was denied, or null when it was not (shown, or unavailable): each section says its own reason.</summary>
    private static string? DenialReason(string status, ConsentDecision decision) => status switch
    {
        Blocked => ConsentDecision.Blocked,
        AwaitingConfirmation => ConsentDecision.AwaitingConfirmation,
        Withheld => decision.Reason is null or ConsentDecision.Blocked or ConsentDecision.AwaitingConfirmation ? ConsentDecision.NoConsent : decision.Reason,
        _ => null,
    };
}
