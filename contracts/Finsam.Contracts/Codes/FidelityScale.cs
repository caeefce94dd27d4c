namespace Finsam.Contracts.Codes;

/// <summary>
/// The IPS fidelity scale (IPS-25, Becker, Swain, Bond and Drake; Swedish "IPS-trohetsskalan"): 25 items scored 1–5 by
/// reviewers who visit the unit, a total of 25–125, and the bands that say how closely the unit follows IPS.
/// </summary>
public static class FidelityScale
{
    public const int Items = 25;
    public const int MinScore = 1;
    public const int MaxScore = 5;

    public const string Exemplary = "exemplary";
    public const string Good = "good";
    public const string Fair = "fair";
    public const string NotIps = "not-ips";

    public static IReadOnlyList<string> Bands { get; } = [Exemplary, Good, Fair, NotIps];

    /// <summary>115–125 exemplary, 100–114 good, 74–99 fair, 73 or less not IPS.</summary>
    public static string Band(int total) => total switch
    {
        >= 115 => Exemplary,
        >= 100 => Good,
        >= 74 => Fair,
        _ => NotIps,
    };

    /// <summary>The items in their order, in Swedish (item n is at index n − 1).</summary>
    public static IReadOnlyList<string> ItemNames { get; } =
    [
        "Antal deltagare per IPS-coach", "IPS-coacherna arbetar bara med arbetsinriktat stöd", "IPS-coacherna ger stöd i alla faser",
        "Integrering med vård och behandling genom teamtillhörighet", "Integrering genom täta teamkontakter",
        "Samarbete mellan IPS-coacher och Arbetsförmedlingen", "IPS-enhet med gemensam ledning", "Arbetsledarens roll",
        "Inga uteslutningskriterier", "Verksamheten inriktas på arbete på den öppna marknaden", "Ledningens stöd för IPS",
        "Vägledning om ekonomi och ersättningar", "Att berätta om sin ohälsa för arbetsgivaren", "Fortlöpande arbetsbedömning",
        "Snabbt arbetssökande", "Individanpassat arbetssökande", "Arbetsgivarkontakter – antal", "Arbetsgivarkontakter – kvalitet",
        "Variation i typ av arbete", "Variation i arbetsgivare", "Konkurrensutsatta arbeten", "Individanpassat stöd i arbetet",
        "Stöd i arbetet utan tidsgräns", "Stödet ges ute i samhället", "Aktivt uppsökande arbete",
    ];
}
