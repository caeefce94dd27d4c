using Finsam.Contracts.Referrals;

namespace Finsam.Contracts.Api.Ips;

public sealed record CaseDetail(
    Guid CaseId,
    Guid ReferralId,
    string PersonRef,
    string UnitId,
    string Status,
    string? CoachUserId,
    DateTimeOffset ReceivedAt,
    DateTimeOffset Since,
    string ReferringParty,
    string? ReferringUnitName,
    Guid? ConsentId,
    ReferralContent? Referral,
    ContactDetails? Contact,
    IReadOnlyList<string> NextStatuses,
    IReadOnlyList<CaseHistoryEntry> History,
    IReadOnlyList<AgencyEvent> AgencyEvents,
    IReadOnlyList<PlacementView> Placements,
    IntakeView? Intake,
    DateOnly? PlannedEnd,
    IReadOnlyList<ExtensionView> Extensions,
    IReadOnlyList<EmployerContactView> EmployerContacts,
    int? DaysToFirstEmployerContact,
    EndStatusView? EndStatus,
    IReadOnlyList<ClosedPeriodView> ClosedPeriods,
    IReadOnlyList<PostClosingFollowUpView> PostClosingFollowUps);
