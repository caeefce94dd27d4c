using Finsam.Contracts.Codes;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Organization;
using Microsoft.Extensions.Options;

namespace Finsam.Coordination.Feedback;

/// <summary>
/// Who reads and answers feedback (<c>Finsam:Feedback</c>): for a unit, the staff named in <see cref="Handlers"/>, or
/// when none are, the unit's coordinators (the IPS unit's lead); for feedback that names no unit, the association's
/// office (<see cref="General"/>). Nobody else, so a complaint about one municipality's unit never reaches another.
/// </summary>
public sealed class FeedbackOptions
{
    public const string Section = "Finsam:Feedback";

    public Dictionary<string, List<string>> Handlers { get; set; } = [];

    public List<string> General { get; set; } = [];
}

public sealed class FeedbackRouting(IOptions<FeedbackOptions> options, FinsamDirectory directory)
{
    /// <summary>Whether <paramref name="actor"/> handles feedback about <paramref name="unitId"/> (null: about no unit).</summary>
    public bool Handles(Actor actor, string? unitId)
    {
        if (actor.Role == Roles.Resident)
        {
            return false;
        }

        if (unitId is null)
        {
            return options.Value.General.Contains(actor.UserId, StringComparer.Ordinal);
        }

        return options.Value.Handlers.TryGetValue(unitId, out var handlers)
            ? handlers.Contains(actor.UserId, StringComparer.Ordinal)
            : actor.UnitId == unitId && actor.Role == Roles.Coordinator;
    }

    /// <summary>The units whose feedback <paramref name="actor"/> handles.</summary>
    public IReadOnlyList<string> UnitsOf(Actor actor) => [.. directory.Units.Select(u => u.Id).Where(id => Handles(actor, id))];
}
