using Finsam.Contracts.Sharing;

namespace Finsam.Contracts.Meetings;

/// <summary>
/// A unit was invited to a follow-up meeting about the person, under a coordination consent. One message per
/// participating unit, so that the audit log knows, on its own, which units have a meeting relation to the
/// person: their later look at the meeting's shared view is expected, not suspicious. Carries the fact of the
/// meeting (category <c>meeting</c>), never its agenda or minutes.
/// </summary>
public sealed record MeetingParticipantInvited
{
    public required Guid MeetingId { get; init; }

    public required string PersonRef { get; init; }

    public required string ParticipantParty { get; init; }

    public required string ParticipantUnitId { get; init; }

    /// <summary>The staff invited by name in that unit; empty when the unit as a whole takes part.</summary>
    public IReadOnlyList<string> ParticipantUserIds { get; init; } = [];

    public required DateTimeOffset ScheduledAt { get; init; }

    /// <summary>Who scheduled the meeting.</summary>
    public required Actor InvitedBy { get; init; }

    /// <summary>The coordination consent that covers this unit's part in the meeting.</summary>
    public required Guid ConsentId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}
