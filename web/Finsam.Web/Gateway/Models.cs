using System.Text.Json.Nodes;

namespace Finsam.Web.Gateway;

// The gateway's answers (shared/design/API.md, docs/api-additions.md), only the members the pages show.

public sealed record DevUser(string UserId, string Name, string Role, string Party, string UnitId, string? UnitName);

public sealed record DevToken(string AccessToken, int ExpiresIn);

public sealed record LookupAnswer(string PersonRef);

public sealed record Provision(string ToParty, string? ToUnitId, IReadOnlyList<string> Categories);

public sealed record RecordedBy(string UserId, string Role, string Party, string? UnitId);

public sealed record Consent(
    Guid ConsentId, string Kind, string Purpose, string Method, string Status, string ValidUntil, IReadOnlyList<Provision> Provisions,
    RecordedBy? RecordedBy, DateTimeOffset RecordedAt, DateTimeOffset? RevokedAt, string? RevokeReason, string? Note);

public sealed record Created(Guid? ConsentId, Guid? ReferralId, Guid? MeetingId);

public sealed record StatusAt(string Status, DateTimeOffset At);

public sealed record Referral(Guid ReferralId, string PersonRef, string ToUnitId, string Status, DateTimeOffset SentAt, IReadOnlyList<StatusAt> History);

public sealed record QueueEntry(Guid CaseId, string PersonRef, DateTimeOffset ReceivedAt, int WaitingDays, string? ReferringUnitName);

public sealed record CaseSummary(Guid CaseId, string PersonRef, string Status, string? CoachUserId, DateTimeOffset Since);

public sealed record ReferralContent(string Reason, string OwnGoal);

public sealed record Contact(string Name, string? Phone, string? Email, string? PreferredChannel);

public sealed record CaseHistoryEntry(string Status, DateTimeOffset At, string ByUser, string? Reason, string? Outcome);

public sealed record AgencyEvent(DateTimeOffset At, string Party, string Category, string Description);

public sealed record CaseDetail(
    Guid CaseId, Guid ReferralId, string PersonRef, string UnitId, string Status, string? CoachUserId, DateTimeOffset ReceivedAt,
    DateTimeOffset Since, string ReferringParty, string? ReferringUnitName, ReferralContent? Referral, Contact? Contact,
    IReadOnlyList<string> NextStatuses, IReadOnlyList<CaseHistoryEntry> History, IReadOnlyList<AgencyEvent>? AgencyEvents,
    IReadOnlyList<Placement>? Placements);

public sealed record Placement(Guid PlacementId, string Type, string Employer, int ExtentPercent, DateOnly From, DateOnly? To, bool Ongoing);

public sealed record Participant(string Party, string UnitId, string? UserId, bool Covered = true);

public sealed record ActionItem(Guid ActionId, string OwnerParty, string? OwnerUnitId, string Description, string Due, DateTimeOffset? DoneAt, string? DoneBy);

public sealed record Meeting(
    Guid MeetingId, string PersonRef, DateTimeOffset ScheduledAt, string Mode, string? Agenda, IReadOnlyList<Participant> Participants,
    string? Notes, IReadOnlyList<string> Decisions, IReadOnlyList<ActionItem> Actions, DateTimeOffset? NextMeetingAt);

public sealed record MeetingSummary(Guid MeetingId, DateTimeOffset ScheduledAt, string Mode, IReadOnlyList<Participant> Participants);

public sealed record SharedViewSection(string Party, string Category, string Status, JsonObject? Data);

public sealed record SharedView(Guid MeetingId, string PersonRef, DateTimeOffset GeneratedAt, IReadOnlyList<SharedViewSection> Sections);

public sealed record AuditActor(string UserId, string Role, string Party, string? UnitId);

public sealed record AuditRecord(
    long Sequence, DateTimeOffset RecordedAt, string Action, string Outcome, AuditActor Actor, string? PersonRef, string? SourceParty,
    string? RecipientParty, IReadOnlyList<string>? Categories, string? Purpose, Guid? ConsentId, string? Reason);

public sealed record AuditPage(IReadOnlyList<AuditRecord> Items, string? NextCursor);

public sealed record Checkpoint(long Sequence, DateTimeOffset SignedAt, string Kind);

public sealed record Verification(bool Valid, long Records, Checkpoint? LastCheckpoint, long? FirstInvalidSequence, string? Problem);

public sealed record LabelledCode(string Code, string Label);

public sealed record ExtractEntry(DateTimeOffset At, string Action, string PartyLabel, string? UnitName, string? StaffName, IReadOnlyList<LabelledCode> Categories, LabelledCode? Purpose, string Text);

public sealed record PersonExtract(string PersonRef, DateTimeOffset GeneratedAt, int Accesses, IReadOnlyList<ExtractEntry> Entries);
