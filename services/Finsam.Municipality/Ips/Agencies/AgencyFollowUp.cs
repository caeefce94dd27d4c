using Finsam.Contracts.Api.Ips;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Sharing;
using Finsam.Municipality.Ips.Cases;
using Finsam.ServiceDefaults.Consent;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Messaging;
using MassTransit;

namespace Finsam.Municipality.Ips.Agencies;

/// <summary>
/// When IPS work starts, the unit tells AF and FK that it follows the person, so that their adapters can
/// report changes (a benefit ending, a lönebidrag decision) to the coach. Each agency is told only when a
/// coordination consent lets it know about the IPS case; otherwise it is simply not told.
/// </summary>
public sealed class AgencyFollowUp(ConsentedSharing<MunicipalityService> sharing)
{
    private static readonly string[] Agencies = [Parties.Arbetsformedlingen, Parties.Forsakringskassan];

    /// <summary>Asks, before the write session, which agencies may know that the unit follows the person.</summary>
    public async Task<IReadOnlyList<DecidedShare>> PlanAsync(IpsCase ipsCase, Actor actor, CancellationToken cancellationToken) =>
        await Task.WhenAll(Agencies.Select(agency => sharing.DecideAsync(
            new ProposedShare(ipsCase.PersonRef, Parties.Municipality, agency, null, [DataCategories.IpsPlan], Purposes.Coordination), actor, cancellationToken)));

    /// <summary>Tells each agency that may know; the others are simply not told.</summary>
    public static async Task WriteAsync(DbSession session, IpsCase ipsCase, IReadOnlyList<DecidedShare> plan, DateTimeOffset at)
    {
        foreach (var decided in plan.Where(d => d.Permitted))
        {
            await session.EnqueueAsync(new IpsFollowUpStarted
            {
                CaseId = ipsCase.CaseId, SharingParty = Parties.Municipality, SharingUnitId = ipsCase.UnitId, ReceivingParty = decided.Share.RecipientParty,
                ReceivingUnitId = null, PersonRef = ipsCase.PersonRef, Categories = decided.Share.Categories, Purpose = decided.Share.Purpose,
                ConsentId = decided.ConsentId, ActingUser = decided.Actor, OccurredAt = at,
            });
        }
    }

    public static Task RecordEventAsync(DbSession session, Guid caseId, AgencyStatusChanged change) =>
        session.ExecuteAsync(
            "INSERT INTO ips_case_events (case_id, at, party, category, description, consent_id, purpose) VALUES (@CaseId, @At, @Party, @Category, @Description, @ConsentId, @Purpose)",
            new
            {
                CaseId = caseId.ToString(), At = change.OccurredAt, Party = change.SharingParty, Category = change.Categories[0], change.Description,
                ConsentId = change.ConsentId.ToString(), change.Purpose,
            });

    public static async Task<IReadOnlyList<AgencyEvent>> EventsAsync(DbSession session, Guid caseId) =>
        [.. await session.QueryAsync<AgencyEvent>(
            "SELECT at, party, category, description, consent_id AS ConsentId, purpose FROM ips_case_events WHERE case_id = @CaseId ORDER BY at", new { CaseId = caseId.ToString() })];
}

/// <summary>A change from AF or FK joins the case of the unit it was addressed to.</summary>
public sealed partial class AgencyStatusChangedConsumer(ServiceDatabase<MunicipalityService> database, ILogger<AgencyStatusChangedConsumer> logger)
    : InboxConsumer<MunicipalityService, AgencyStatusChanged>(database)
{
    protected override async Task HandleAsync(AgencyStatusChanged message, DbSession session, ConsumeContext<AgencyStatusChanged> context)
    {
        if (message.ReceivingParty != Parties.Municipality || await CaseStore.LatestForPersonAsync(session, message.PersonRef) is not { } ipsCase
            || ipsCase.UnitId != message.ReceivingUnitId)
        {
            LogNoCase(logger, message.SharingParty);
            return;
        }

        await AgencyFollowUp.RecordEventAsync(session, ipsCase.CaseId, message);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A status change from {Party} names no IPS case of the receiving unit; ignored")]
    private static partial void LogNoCase(ILogger logger, string party);
}
