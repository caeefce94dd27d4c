using Finsam.Web.Common;
using Finsam.Web.Gateway;

namespace Finsam.Web.Pages.Mine;

/// <summary>
/// "Mina samtycken": the person's own consents in plain words, with what they can do about each: withdraw it at any
/// time, without giving a reason, and confirm one that staff recorded and that waits for them (docs/adr/0026).
/// </summary>
public sealed class ConsentsModel : WebPage
{
    public IReadOnlyList<ConsentResponse> Consents { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var consents = await Gateway.GetAsync<List<ConsentResponse>>("api/me/consents", cancellationToken);
        Consents = consents.Value ?? [];
        if (consents.Problem is { } problem)
        {
            Show(problem);
        }
    }

    public Task<Microsoft.AspNetCore.Mvc.IActionResult> OnPostRevokeAsync(Guid consentId, CancellationToken cancellationToken) =>
        PostAsync($"api/me/consents/{consentId}/revoke", new RevokeConsentRequest(null),
            "Samtycket är återkallat. Inga fler uppgifter lämnas med stöd av det.", cancellationToken);

    public Task<Microsoft.AspNetCore.Mvc.IActionResult> OnPostConfirmAsync(Guid consentId, CancellationToken cancellationToken) =>
        PostAsync($"api/me/consents/{consentId}/confirm", null, "Du har bekräftat samtycket. Uppgifterna får nu lämnas som det säger.", cancellationToken);

    private async Task<Microsoft.AspNetCore.Mvc.IActionResult> PostAsync(string path, object? body, string notice, CancellationToken cancellationToken)
    {
        var result = await Gateway.PostAsync<ConsentResponse>(path, body, cancellationToken);
        if (result.IsSuccess)
        {
            Notify(notice);
            return RedirectToPage();
        }

        Show(result.Problem!);
        await OnGetAsync(cancellationToken);
        return Page();
    }
}
