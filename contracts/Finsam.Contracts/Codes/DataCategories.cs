namespace Finsam.Contracts.Codes;

/// <summary>The vocabulary of consent: which information may be shared (DOMAIN.md, "Data categories").</summary>
public static class DataCategories
{
    public const string Contact = "contact";
    public const string Referral = "referral";
    public const string IpsPlan = "ips.plan";
    public const string IpsEmployment = "ips.employment";
    public const string MunicipalAssistance = "municipal.assistance";
    public const string AfRegistration = "af.registration";
    public const string FkBenefits = "fk.benefits";
    public const string HealthContact = "health.contact";
    public const string HealthWorkCapacity = "health.workcapacity";
    public const string HealthDiagnosis = "health.diagnosis";
    public const string Meeting = "meeting";

    public static IReadOnlyList<string> All { get; } =
    [
        Contact, Referral, IpsPlan, IpsEmployment, MunicipalAssistance, AfRegistration, FkBenefits,
        HealthContact, HealthWorkCapacity, HealthDiagnosis, Meeting,
    ];

    public static bool IsValid(string? code) => code is not null && All.Contains(code);
}
