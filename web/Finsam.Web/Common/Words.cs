using System.Globalization;
using Finsam.Contracts.Codes;

namespace Finsam.Web.Common;

/// <summary>
/// Plain Swedish for every code a page shows. Categories, purposes and parties come from the shared contract
/// (<see cref="SwedishLabels"/>) so that the web, the extract and the exports say the same thing.
/// </summary>
public static class Words
{
    public static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    public static readonly IReadOnlyDictionary<string, string> Roles = new Dictionary<string, string>
    {
        ["clinician"] = "Behandlare (vården)",
        ["coordinator"] = "IPS-samordnare",
        ["coach"] = "IPS-coach",
        ["social-worker"] = "Socialsekreterare",
        ["af-officer"] = "Handläggare, Arbetsförmedlingen",
        ["fk-officer"] = "Handläggare, Försäkringskassan",
        ["auditor"] = "Logggranskare",
        ["analyst"] = "Analytiker vid samordningsförbundet",
        ["resident"] = "Invånare",
    };

    /// <summary>What each category holds, shown beside its checkbox so the person knows what they agree to.</summary>
    public static readonly IReadOnlyDictionary<string, string> CategoryExplanations = new Dictionary<string, string>
    {
        [DataCategories.Contact] = "Namn, telefon, e-post och hur och när personen helst vill bli kontaktad.",
        [DataCategories.Referral] = "Remisstexten: anledning, personens eget mål och önskemål om arbete.",
        [DataCategories.IpsPlan] = "IPS-ärendets status, coach, mål, plan och nästa steg.",
        [DataCategories.IpsEmployment] = "Anställningar och praktik: typ, arbetsgivare, omfattning och datum.",
        [DataCategories.MunicipalAssistance] = "Om personen har försörjningsstöd, under vilken period och med vilket aktivitetskrav.",
        [DataCategories.AfRegistration] = "Inskrivning som arbetssökande, program, SIUS, aktivitetsstöd och beslut om lönebidrag.",
        [DataCategories.FkBenefits] = "Ersättning från Försäkringskassan: typ, omfattning, period och rehabiliteringsplan.",
        [DataCategories.HealthContact] = "Om personen har en pågående vårdkontakt, ansvarig enhet och kontaktperson. Ingen diagnos.",
        [DataCategories.HealthWorkCapacity] = "Begränsningar som påverkar arbete och rekommenderade anpassningar.",
        [DataCategories.HealthDiagnosis] = "Diagnosgrupp. Känslig uppgift: bara med uttryckligt samtycke.",
        [DataCategories.Meeting] = "Anteckningar, beslut och åtgärder från samordningsmöten.",
    };

    public static readonly IReadOnlyDictionary<string, string> ConsentMethods = new Dictionary<string, string>
    {
        ["written"] = "Skriftligt",
        ["verbal"] = "Muntligt",
        ["digital"] = "Digitalt",
    };

    public static readonly IReadOnlyDictionary<string, string> ConsentStatuses = new Dictionary<string, string>
    {
        ["active"] = "Gäller",
        ["expired"] = "Har löpt ut",
        ["revoked"] = "Återkallat",
        ["superseded"] = "Ersatt av ett nyare samtycke",
    };

    public static readonly IReadOnlyDictionary<string, string> ReferralStatuses = new Dictionary<string, string>
    {
        ["sent"] = "Skickad",
        ["received"] = "Mottagen",
        ["assigned"] = "Fördelad till coach",
        ["declined"] = "Avböjd",
        ["started"] = "Påbörjad",
        ["closed"] = "Avslutad",
    };

    public static readonly IReadOnlyDictionary<string, string> CaseStatuses = new Dictionary<string, string>
    {
        ["queued"] = "I kö",
        ["assigned"] = "Fördelad",
        ["active"] = "Aktiv",
        ["dormant"] = "Vilande",
        ["inactive"] = "Inaktiv",
        ["closed"] = "Avslutad",
        ["declined"] = "Avböjd",
    };

    /// <summary>The button that moves a case into a status: a verb, not a state.</summary>
    public static readonly IReadOnlyDictionary<string, string> CaseMoves = new Dictionary<string, string>
    {
        ["active"] = "Påbörja / återuppta arbetet",
        ["dormant"] = "Gör vilande",
        ["inactive"] = "Markera som inaktiv (går inte att nå)",
        ["closed"] = "Avsluta ärendet",
    };

    public static readonly IReadOnlyDictionary<string, string> Outcomes = new Dictionary<string, string>
    {
        ["paid-work"] = "Arbete utan stöd",
        ["subsidised-work"] = "Arbete med lönebidrag, lönestöd, nystartsjobb eller extratjänst",
        ["osa"] = "Offentligt skyddat arbete (OSA)",
        ["praktik"] = "Praktik",
        ["arbetstraning"] = "Arbetsträning",
        ["studies"] = "Studier",
        ["daily-activity"] = "Daglig verksamhet",
        ["social-cooperative"] = "Socialt företag",
        ["none"] = "Ingen sysselsättning",
        ["other"] = "Annat",
        ["dropped-out"] = "Avbröt",
    };

    public static readonly IReadOnlyDictionary<string, string> ExtentBands = new Dictionary<string, string>
    {
        ["none"] = "Ingen", ["1-25"] = "1–25 % av heltid", ["26-50"] = "26–50 % av heltid", ["51-75"] = "51–75 % av heltid", ["76-100"] = "76–100 % av heltid",
    };

    public static readonly IReadOnlyDictionary<string, string> IncomeSources = new Dictionary<string, string>
    {
        ["wage"] = "Lön", ["subsidised-wage"] = "Lön med stöd (t.ex. lönebidrag)", ["fk-benefit"] = "Ersättning från Försäkringskassan",
        ["forsorjningsstod"] = "Försörjningsstöd", ["a-kassa"] = "A-kassa", ["aktivitetsstod"] = "Aktivitetsstöd", ["studiemedel"] = "Studiemedel",
        ["none"] = "Ingen inkomst", ["other"] = "Annat",
    };

    public static readonly IReadOnlyDictionary<string, string> EndReasons = new Dictionary<string, string>
    {
        ["work"] = "Fick arbete", ["studies"] = "Började studera", ["other-intervention"] = "Gick till en annan insats", ["moved"] = "Flyttade",
        ["ill-health"] = "Ohälsa", ["own-wish"] = "Egen önskan", ["no-contact"] = "Ingen kontakt", ["other"] = "Annat",
    };

    /// <summary>Where a person can stand at intake: every outcome but dropping out (Occupations.Statuses).</summary>
    public static readonly IReadOnlyDictionary<string, string> Occupations =
        Outcomes.Where(o => o.Key != Contracts.Codes.Occupations.DroppedOut).ToDictionary(o => o.Key, o => o.Value);

    public static readonly IReadOnlyDictionary<string, string> Sexes = new Dictionary<string, string>
    {
        ["woman"] = "Kvinna", ["man"] = "Man", ["other"] = "Annat eller vill inte svara",
    };

    public static readonly IReadOnlyDictionary<string, string> Educations = new Dictionary<string, string>
    {
        ["compulsory"] = "Grundskola", ["upper-secondary"] = "Gymnasium", ["post-secondary"] = "Eftergymnasial utbildning", ["unknown"] = "Vet inte",
    };

    public static readonly IReadOnlyDictionary<string, string> LastEmployed = new Dictionary<string, string>
    {
        ["never"] = "Har aldrig arbetat", ["under-1-year"] = "För mindre än ett år sedan", ["1-5-years"] = "För 1–5 år sedan",
        ["over-5-years"] = "För mer än 5 år sedan", ["unknown"] = "Vet inte",
    };

    public static readonly IReadOnlyDictionary<string, string> TimeInPublicSupport = new Dictionary<string, string>
    {
        ["under-1-year"] = "Mindre än ett år", ["1-3-years"] = "1–3 år", ["over-3-years"] = "Mer än 3 år", ["unknown"] = "Vet inte",
    };

    public static readonly IReadOnlyDictionary<string, string> EmployerContactKinds = new Dictionary<string, string>
    {
        ["visit"] = "Besök", ["phone"] = "Telefon", ["meeting"] = "Möte", ["email"] = "E-post", ["other"] = "Annat",
    };

    public static readonly IReadOnlyDictionary<string, string> YesNo = new Dictionary<string, string> { ["yes"] = "Ja", ["no"] = "Nej" };

    public static readonly IReadOnlyDictionary<string, string> ReviewReasons = new Dictionary<string, string>
    {
        ["inactive"] = "Ingen aktivitet på länge", ["past-planned-end"] = "Planerat slut har passerats",
    };

    /// <summary>The placement types of Occupations.PlacementTypes, in its order (the form lists them so).</summary>
    public static readonly IReadOnlyDictionary<string, string> PlacementTypes = new Dictionary<string, string>
    {
        ["paid-work"] = "Arbete utan stöd",
        ["lonebidrag"] = "Arbete med lönebidrag",
        ["lonestod"] = "Arbete med lönestöd",
        ["nystartsjobb"] = "Nystartsjobb",
        ["extratjanst"] = "Extratjänst",
        ["osa"] = "Offentligt skyddat arbete (OSA)",
        ["praktik"] = "Praktik",
        ["arbetstraning"] = "Arbetsträning",
        ["studies"] = "Studier",
    };

    public static readonly IReadOnlyDictionary<string, string> MeetingModes = new Dictionary<string, string>
    {
        ["in-person"] = "Fysiskt möte",
        ["digital"] = "Digitalt möte",
        ["phone"] = "Telefonmöte",
    };

    public static readonly IReadOnlyDictionary<string, string> AuditActions = new Dictionary<string, string>
    {
        ["share"] = "Uppgifter lämnades",
        ["view"] = "Uppgifter visades",
        ["deny"] = "Nekad",
        ["consent-granted"] = "Samtycke registrerat",
        ["consent-revoked"] = "Samtycke återkallat",
        ["consent-confirmed"] = "Samtycke bekräftat",
        ["block-recorded"] = "Spärr registrerad",
        ["block-lifted"] = "Spärr hävd",
        ["emergency-access-opened"] = "Nödöppning gjord",
        ["emergency-access"] = "Visad vid nödöppning",
        ["audit-search"] = "Logggranskning",
        ["meeting-invitation"] = "Inbjuden till samordningsmöte",
    };

    public static readonly IReadOnlyDictionary<string, string> FeedbackKinds = new Dictionary<string, string>
    {
        ["complaint"] = "Klagomål",
        ["praise"] = "Beröm",
        ["suggestion"] = "Förslag",
    };

    public static readonly IReadOnlyDictionary<string, string> FeedbackStatuses = new Dictionary<string, string>
    {
        ["received"] = "Mottagen, inte besvarad ännu",
        ["answered"] = "Besvarad",
    };

    public static readonly IReadOnlyDictionary<string, string> AuditOutcomes = new Dictionary<string, string>
    {
        ["permitted"] = "Tillåten",
        ["denied"] = "Nekad",
    };

    public static string Of(IReadOnlyDictionary<string, string> words, string? code) =>
        code is not null && words.TryGetValue(code, out var word) ? word : code ?? "";

    public static string Category(string code) => Capital(SwedishLabels.Category(code));

    public static string Purpose(string? code) => Capital(SwedishLabels.Purpose(code));

    public static string Party(string? code) => Capital(SwedishLabels.Party(code));

    public static string Capital(string text) => text.Length == 0 ? text : char.ToUpper(text[0], Swedish) + text[1..];

    public static DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Stockholm);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Local(clock.GetUtcNow()).DateTime);

    public static string When(DateTimeOffset instant) => Local(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string When(DateTimeOffset? instant) => instant is { } i ? When(i) : "";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A Swedish local time from a form, as an instant.</summary>
    public static DateTimeOffset FromLocal(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Stockholm.GetUtcOffset(unspecified));
    }
}
