using System.Security.Cryptography;
using System.Text;
using Finsam.Contracts.Api.Ips;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;
using Finsam.Contracts.FollowUp;
using Finsam.Contracts.Sharing;
using Finsam.Municipality.Ips.Cases;
using Finsam.ServiceDefaults.Consent;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Hosting;

namespace Finsam.Municipality.Ips.FollowUp;

/// <summary>
/// What the IPS unit tells the follow-up service (issue 13, item 1): each enrolment's start (at its first intake, and
/// again when the intake is corrected) and end, de-identified. The person is always counted by unit, date, sex and age
/// band; only with an active statistics consent, decided before the write session, do the events also carry a
/// statistics pseudonym and the status, so start and end can be linked. Without one nothing is linked, and the
/// unit's work does not depend on it.
/// </summary>
public sealed class FollowUpEvents(ConsentDecisionClient<MunicipalityService> consent, IConfiguration configuration)
{
    public const string KeySetting = "Finsam:Statistics:PseudonymKey";

    /// <summary>The statistics pseudonyms' own key: never personRef's, so neither can be worked out from the other.</summary>
    private readonly byte[] _key = configuration[KeySetting] is { Length: > 0 } key && Convert.FromBase64String(key) is { Length: >= 32 } bytes
        ? bytes
        : throw new InvalidOperationException($"{KeySetting} (base64, at least 32 random bytes) must be configured.");

    /// <summary>The person's statistics pseudonym if they have an active statistics consent now, else null.</summary>
    public async Task<string?> PseudonymIfConsentedAsync(string personRef, Actor actor, CancellationToken cancellationToken)
    {
        var decision = await consent.DecideAsync(
            // A statistics consent names no recipient; the request names the producing party because the contract needs one.
            new ConsentDecisionRequest(personRef, Parties.Municipality, null, [DataCategories.IpsPlan], Purposes.Statistics), actor, cancellationToken);
        return decision.Permitted ? Keyed("statistics:" + personRef) : null;
    }

    public Task EnqueueStartAsync(DbSession session, IpsCase ipsCase, IntakeView intake, int enrolment, string? pseudonym) =>
        session.EnqueueAsync(new EnrolmentStarted
        {
            EventId = EventId(ipsCase.CaseId, "start", enrolment),
            UnitId = ipsCase.UnitId,
            IntakeDate = intake.Date,
            Sex = intake.Sex,
            AgeBand = AgeBands.Of(intake.BirthYear, intake.Date),
            StatisticsPseudonym = pseudonym,
            CoachKey = CoachKey(ipsCase),
            Linked = pseudonym is null ? null : new StartDetails(
                ipsCase.ReferringParty, SwedishTime.DateOf(ipsCase.ReceivedAt), intake.Occupation,
                intake.ExtentBand, intake.IncomeSources, intake.Education, intake.LastEmployed, intake.AfRegistered, intake.TimeInPublicSupport),
        });

    public Task EnqueueEndAsync(DbSession session, IpsCase ipsCase, IntakeView? intake, EndStatusView end, DateOnly closedOn, int enrolment, int? daysToFirstContact, string? pseudonym) =>
        session.EnqueueAsync(new EnrolmentEnded
        {
            EventId = EventId(ipsCase.CaseId, "end", enrolment),
            UnitId = ipsCase.UnitId,
            ClosedOn = closedOn,
            Sex = intake?.Sex ?? Unknown,
            AgeBand = intake is null ? Unknown : AgeBands.Of(intake.BirthYear, closedOn),
            StatisticsPseudonym = intake is null ? null : pseudonym,
            CoachKey = CoachKey(ipsCase),
            Linked = pseudonym is null || intake is null ? null : new EndDetails(
                intake.Date, end.Outcome, end.ExtentBand, end.IncomeSources, end.EndReason, daysToFirstContact),
        });

    /// <summary>A follow-up after closing, linked to the enrolment it follows; only with a statistics consent, so only with a pseudonym.</summary>
    public Task EnqueueFollowUpAsync(DbSession session, IpsCase ipsCase, IntakeView intake, PostClosingFollowUpView followUp, int enrolment, string pseudonym) =>
        session.EnqueueAsync(new EnrolmentFollowedUp(
            EventId(ipsCase.CaseId, $"follow-up-{followUp.MonthsAfter}", enrolment), ipsCase.UnitId, followUp.Date, followUp.MonthsAfter, pseudonym,
            intake.Date, followUp.Occupation, followUp.ExtentBand, followUp.IncomeSources));

    /// <summary>The coach under a key of their own: counted, never named (a coach's workload is about them, too).</summary>
    private string? CoachKey(IpsCase ipsCase) => ipsCase.CoachUserId is { } coach ? Keyed("coach:" + coach) : null;

    /// <summary>A closing without an intake is still counted, with sex and age band unknown.</summary>
    public const string Unknown = "unknown";

    /// <summary>
    /// A stable id for the start or end of one enrolment of a case, keyed so the follow-up service cannot map it back to
    /// the case: a corrected intake replaces its start there instead of counting the person twice.
    /// </summary>
    private Guid EventId(Guid caseId, string what, int enrolment) =>
        new(Convert.FromHexString(Keyed($"{what}:{caseId}:{enrolment}"))[..16]);

    private string Keyed(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)));
}
