using System.Globalization;
using Finsam.Web.Gateway;
using Finsam.Web.Common;
using Finsam.Web.SignIn;
using Microsoft.AspNetCore.Mvc;

namespace Finsam.Web.Pages.Meetings;

/// <summary>
/// Schedules a follow-up meeting. Every participating unit needs the person's coordination consent for meeting
/// data; the form says, per unit, whether the consent covers it, before anyone presses the button.
/// </summary>
public sealed class ScheduleModel : WebPage
{
    [BindProperty(SupportsGet = true)]
    public string PersonRef { get; set; } = "";

    [BindProperty]
    public string? ScheduledAt { get; set; }

    [BindProperty]
    public string? Mode { get; set; }

    [BindProperty]
    public string? Agenda { get; set; }

    [BindProperty]
    public List<string> Units { get; set; } = [];

    public IReadOnlyList<ConsentResponse> Consents { get; private set; } = [];

    public string OwnUnit => User.UnitOf();

    /// <summary>The consent service's rule, applied to the consents this user can see: a warning, not the decision.</summary>
    public bool Covered(WebUnit unit) => Consents.Any(c => c.Status == "active" && c.Purpose == "coordination" && c.Kind == "sharing"
        && c.Provisions.Any(p => p.ToParty == unit.Party && (p.ToUnitId is null || p.ToUnitId == unit.Id) && p.Categories.Contains("meeting")));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Contracts.Persons.PersonRef.IsValid(PersonRef))
        {
            return UnknownPerson();
        }

        Units = [OwnUnit];
        ScheduledAt = Words.Local(Clock.GetUtcNow().AddDays(7)).ToString("yyyy-MM-dd'T'10:00", CultureInfo.InvariantCulture);
        Mode = "in-person";
        await LoadConsentsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Contracts.Persons.PersonRef.IsValid(PersonRef))
        {
            return UnknownPerson();
        }

        await LoadConsentsAsync(cancellationToken);
        var at = DateTime.TryParseExact(ScheduledAt, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? Words.FromLocal(local)
            : (DateTimeOffset?)null;
        ModelState.Require(at is { } when && when > Clock.GetUtcNow(), nameof(ScheduledAt), "Ange en tid i framtiden.");
        ModelState.Require(Mode is not null && Words.MeetingModes.ContainsKey(Mode), nameof(Mode), "Välj hur mötet hålls.");
        ModelState.Require(Agenda is null || Agenda.Length <= 4000, nameof(Agenda), "Högst 4000 tecken.");
        var units = Units.Distinct().Select(Directory.Unit).ToList();
        ModelState.Require(units.Count is > 0 and <= 30 && units.All(u => u is not null), nameof(Units), "Välj mellan 1 och 30 deltagande enheter.");
        ModelState.Require(Units.Contains(OwnUnit), nameof(Units), "Du som bokar mötet behöver själv vara med bland deltagarna.");
        // Coverage is only warned about here: a consent this user cannot see may still cover a unit, and the
        // coordination service decides (403 consent-required, shown in words).
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var body = new ScheduleMeetingRequest(
            PersonRef, at, Mode, [.. units.OfType<WebUnit>().Select(u => new ParticipantRequest(u.Party, u.Id))], string.IsNullOrWhiteSpace(Agenda) ? null : Agenda.Trim());
        var result = await Gateway.PostAsync<MeetingView>("api/meetings", body, cancellationToken);
        if (result.Problem is { } problem)
        {
            Show(problem, new Dictionary<string, string> { ["scheduledAt"] = nameof(ScheduledAt), ["mode"] = nameof(Mode), ["agenda"] = nameof(Agenda), ["participants"] = nameof(Units) });
            return Page();
        }

        Notify("Mötet är bokat.");
        return RedirectToPage("/Meetings/Index", new { meetingId = result.Value!.MeetingId });
    }

    private async Task LoadConsentsAsync(CancellationToken cancellationToken)
    {
        var consents = await Gateway.GetAsync<List<ConsentResponse>>($"api/persons/{PersonRef}/consents", cancellationToken);
        Consents = consents.Value ?? [];
    }
}
