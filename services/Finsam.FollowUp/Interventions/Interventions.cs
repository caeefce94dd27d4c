using Finsam.Contracts.Api.FollowUp;
using Finsam.Contracts.Codes;
using Finsam.ServiceDefaults.Grants;

namespace Finsam.FollowUp.Interventions;

/// <summary>An intervention as configured under <c>Finsam:FollowUp:Interventions</c>.</summary>
public sealed class InterventionSettings
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The financing samordningsförbund: the id of its unit in the directory, which its analysts belong to.</summary>
    public string Association { get; set; } = "";

    public List<string> UnitIds { get; set; } = [];

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }

    public int TargetParticipants { get; set; }
}

/// <summary>
/// The interventions (insatser) the associations fund (issue 13, item 2), configured per deployment: each names its
/// units, period and target. An analyst sees their own association's only; another association's is not found, so an
/// analyst cannot even learn which interventions others run.
/// </summary>
public sealed class InterventionCatalogue
{
    private readonly IReadOnlyList<InterventionView> _all;

    public InterventionCatalogue(IConfiguration configuration)
    {
        var settings = configuration.GetSection("Finsam:FollowUp:Interventions").Get<List<InterventionSettings>>() ?? [];
        foreach (var s in settings)
        {
            if (s.Id.Length == 0 || s.Name.Length == 0 || s.Association.Length == 0 || s.UnitIds.Count == 0 || s.To < s.From || s.TargetParticipants < 0)
            {
                throw new InvalidOperationException(
                    $"Finsam:FollowUp:Interventions: '{s.Id}' needs an id, a name, an association, units, a period whose end is not before its start, and a target of 0 or more.");
            }
        }

        _all = [.. settings.Select(s => new InterventionView(s.Id, s.Name, s.Association, [.. s.UnitIds], s.From, s.To, s.TargetParticipants))];
    }

    /// <summary>The association an analyst works for: their unit in the directory.</summary>
    public static string? AssociationOf(Grant grant) => grant.Actor.Role == Roles.Analyst ? grant.Actor.UnitId : null;

    public IReadOnlyList<InterventionView> Of(string association) => [.. _all.Where(i => i.Association == association)];

    public InterventionView? Find(string association, string interventionId) =>
        _all.FirstOrDefault(i => i.Association == association && i.InterventionId == interventionId);
}
