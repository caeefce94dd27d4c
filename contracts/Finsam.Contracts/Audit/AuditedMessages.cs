using Finsam.Contracts.Consents;
using Finsam.Contracts.Meetings;
using Finsam.Contracts.Sharing;

namespace Finsam.Contracts.Audit;

/// <summary>
/// The messages the audit service records, and the queue it records them from. Every service binds these to
/// the queue when it first publishes one (MessagingExtensions), so a share sent before the audit service has
/// ever started waits in the queue instead of being dropped by the broker as unroutable.
/// </summary>
public static class AuditedMessages
{
    public const string Queue = "audit";

    public static readonly IReadOnlyList<Type> Types =
        [typeof(IDataShare), typeof(AccessRecorded), typeof(ConsentGranted), typeof(ConsentRevoked), typeof(MeetingParticipantInvited)];

    /// <summary>Whether a message of this type is an event the audit log records (not, say, a notice between replicas).</summary>
    public static bool IsAudited(Type messageType) => Types.Any(audited => audited.IsAssignableFrom(messageType));
}
