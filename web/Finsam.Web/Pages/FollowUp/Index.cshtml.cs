using Finsam.Contracts.Api.FollowUp;
using Finsam.Web.Common;
using Finsam.Web.SignIn;

namespace Finsam.Web.Pages.FollowUp;

/// <summary>The analyst's start: the association's interventions side by side (seed 004) and a way into each report.</summary>
public sealed class IndexModel : WebPage
{
    public IReadOnlyList<InterventionView> Interventions { get; private set; } = [];

    public AssociationSummary? Summary { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var interventions = await Gateway.GetAsync<List<InterventionView>>("api/follow-up/interventions", cancellationToken);
        var summary = await Gateway.GetAsync<AssociationSummary>($"api/follow-up/associations/{Uri.EscapeDataString(User.UnitOf())}/summary", cancellationToken);
        Interventions = interventions.Value ?? [];
        Summary = summary.Value;
        Problem = (interventions.Problem ?? summary.Problem)?.Message;
    }
}
