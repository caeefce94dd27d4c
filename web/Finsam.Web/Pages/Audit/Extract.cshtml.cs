using Finsam.Web.Gateway;
using Finsam.Web.Common;

namespace Finsam.Web.Pages.Audit;

/// <summary>The person's access extract (who, which unit, what, when, why), laid out to be printed and handed over.</summary>
public sealed class ExtractModel : WebPage
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public string PersonRef { get; set; } = "";

    public PersonExtract? Extract { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await Gateway.GetAsync<PersonExtract>($"api/audit/persons/{PersonRef}/extract", cancellationToken);
        Extract = result.Value;
        if (result.Problem is { } problem)
        {
            Show(problem);
        }
    }
}
