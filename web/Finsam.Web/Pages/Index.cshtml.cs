using Finsam.Web.Common;

namespace Finsam.Web.Pages;

/// <summary>The start page: what this role does here, one step away.</summary>
public sealed class IndexModel : WebPage
{
    public void OnGet()
    {
    }
}
