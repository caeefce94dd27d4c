namespace Finsam.Contracts.Sharing;

/// <summary>
/// Implemented by every message that carries a person's data across a party boundary. The audit service
/// subscribes to this interface, so no message can share data without being recorded.
/// </summary>
public interface IDataShare
{
    string SharingParty { get; }

    string? SharingUnitId { get; }

    string ReceivingParty { get; }

    string? ReceivingUnitId { get; }

    string PersonRef { get; }

    IReadOnlyList<string> Categories { get; }

    string Purpose { get; }

    /// <summary>The consent that lifted secrecy for this share.</summary>
    Guid ConsentId { get; }

    Actor ActingUser { get; }

    DateTimeOffset OccurredAt { get; }
}
