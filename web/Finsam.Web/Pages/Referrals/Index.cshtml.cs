using Finsam.Web.Gateway;
using Finsam.Web.Common;

namespace Finsam.Web.Pages.Referrals;

/// <summary>The unit's referrals, newest first, each with what the IPS unit has reported back.</summary>
public sealed class IndexModel : WebPage
{
    /// <summary>The way a referral goes when all goes well; declined and closed are shown when they happen.</summary>
    public static readonly string[] Path = ["sent", "received", "assigned", "started"];

    public IReadOnlyList<ReferralView> Referrals { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var referrals = await Gateway.GetAsync<List<ReferralView>>("api/referrals", cancellationToken);
        Referrals = referrals.Value ?? [];
        if (referrals.Problem is { } problem)
        {
            Show(problem);
        }
    }
}
