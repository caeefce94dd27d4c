using Finsam.Contracts.Api.EmergencyAccess;
using Finsam.Web.Common;
using Microsoft.AspNetCore.Mvc;

namespace Finsam.Web.Pages.EmergencyAccess;

/// <summary>What an emergency access opened, for its opener, while it lasts; every look is recorded by the gateway.</summary>
public sealed class IndexModel : WebPage
{
    [BindProperty(SupportsGet = true)]
    public Guid AccessId { get; set; }

    public EmergencySections? Access { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await Gateway.GetAsync<EmergencySections>($"api/emergency-access/{AccessId}", cancellationToken);
        Access = result.Value;
        if (result.Problem is { } problem)
        {
            Show(problem);
        }
    }
}
