using Finsam.Contracts.Consents;

namespace Finsam.Audit.Recording;

/// <summary>
/// How a consent's provisions are written into its consent-granted record (the reason text, part of the hashed
/// record), and read back for review: "municipality/ovanaker-ips: referral contact; health-care: ips.plan".
/// Party, unit and category codes hold no ':' ';' '/' or space, so the text reads back exactly.
/// </summary>
public static class ProvisionText
{
    public static string Format(IEnumerable<ConsentProvision> provisions) =>
        string.Join("; ", provisions.Select(p => $"{p.ToParty}{(p.ToUnitId is null ? "" : "/" + p.ToUnitId)}: {string.Join(' ', p.Categories)}"));

    public static IReadOnlyList<ConsentProvision> Parse(string? text) =>
        string.IsNullOrEmpty(text) ? [] :
        [.. text.Split("; ").Select(part =>
        {
            var (recipient, categories) = (part.Split(": ", 2)[0], part.Split(": ", 2).ElementAtOrDefault(1) ?? "");
            var unit = recipient.Split('/', 2);
            return new ConsentProvision(unit[0], unit.ElementAtOrDefault(1), categories.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        })];
}
