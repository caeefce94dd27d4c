namespace Finsam.Contracts.Codes;

/// <summary>Plain Swedish words for the codes, for people: extracts, the web interface, exports.</summary>
public static class SwedishLabels
{
    public static IReadOnlyDictionary<string, string> Categories { get; } = new Dictionary<string, string>
    {
        [DataCategories.Contact] = "kontaktuppgifter",
        [DataCategories.Referral] = "remiss (anledning, eget mål och önskemål)",
        [DataCategories.IpsPlan] = "IPS-ärendets status och plan",
        [DataCategories.IpsEmployment] = "anställning och praktik inom IPS",
        [DataCategories.MunicipalAssistance] = "försörjningsstöd",
        [DataCategories.AfRegistration] = "inskrivning och insatser hos Arbetsförmedlingen",
        [DataCategories.FkBenefits] = "ersättning från Försäkringskassan",
        [DataCategories.HealthContact] = "pågående vårdkontakt",
        [DataCategories.HealthWorkCapacity] = "arbetsförmåga och anpassningar",
        [DataCategories.HealthDiagnosis] = "diagnos",
        [DataCategories.Meeting] = "samordningsmöte: anteckningar, beslut och åtgärder",
    };

    public static IReadOnlyDictionary<string, string> Purposes { get; } = new Dictionary<string, string>
    {
        [Codes.Purposes.IpsSupport] = "stöd till arbete (IPS)",
        [Codes.Purposes.Coordination] = "samordning mellan myndigheter",
        [Codes.Purposes.Statistics] = "statistik och uppföljning",
        [Codes.Purposes.Research] = "forskning i en namngiven studie",
        [Codes.Purposes.Audit] = "logguppföljning",
        [Codes.Purposes.Emergency] = "nödöppning utan samtycke",
    };

    public static IReadOnlyDictionary<string, string> Parties { get; } = new Dictionary<string, string>
    {
        [Codes.Parties.Municipality] = "kommunen",
        [Codes.Parties.HealthCare] = "hälso- och sjukvården",
        [Codes.Parties.Arbetsformedlingen] = "Arbetsförmedlingen",
        [Codes.Parties.Forsakringskassan] = "Försäkringskassan",
    };

    public static string Category(string code) => Categories.TryGetValue(code, out var label) ? label : code;

    public static string Purpose(string? code) => code is not null && Purposes.TryGetValue(code, out var label) ? label : code ?? "";

    public static string Party(string? code) => code is not null && Parties.TryGetValue(code, out var label) ? label : code ?? "";
}
