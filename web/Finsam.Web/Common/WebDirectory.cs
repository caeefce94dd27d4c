namespace Finsam.Web.Common;

/// <summary>A unit; <see cref="Kind"/> says what a municipal unit is (an IPS unit, a coordination team).</summary>
public sealed record WebUnit(string Id, string Name, string Party, string? Kind = null);

public sealed record WebStaff(string UserId, string Name, string Role, string Party, string UnitId);

/// <summary>
/// The units and staff taking part (<c>Finsam:Directory</c>, the same configuration every host reads): names for
/// codes, the choices in forms, a unit's coaches. It holds no data about persons, so it is not gateway data.
/// </summary>
public sealed class WebDirectory(IConfiguration configuration)
{
    public IReadOnlyList<WebUnit> Units { get; } = configuration.GetSection("Finsam:Directory:Units").Get<List<WebUnit>>() ?? [];

    public IReadOnlyList<WebStaff> Staff { get; } = configuration.GetSection("Finsam:Directory:Staff").Get<List<WebStaff>>() ?? [];

    public WebUnit? Unit(string? id) => Units.FirstOrDefault(u => u.Id == id);

    public string UnitName(string? id) => Unit(id)?.Name ?? id ?? "";

    public string StaffName(string? userId) => Staff.FirstOrDefault(s => s.UserId == userId)?.Name ?? userId ?? "";

    public IEnumerable<WebUnit> UnitsOf(string party) => Units.Where(u => u.Party == party);

    /// <summary>The units a person meets (every unit but those where only auditors work): what feedback can be about.</summary>
    public IEnumerable<WebUnit> ServiceUnits => Units.Where(u => Staff.Any(s => s.UnitId == u.Id && s.Role != "auditor"));

    /// <summary>The units that take referrals: IPS units and coordination teams, one case life for both.</summary>
    public IEnumerable<WebUnit> ReceivingUnits => Units.Where(u => u.Party == Contracts.Codes.Parties.Municipality && Contracts.Codes.UnitKinds.Receives(u.Kind));

    public IEnumerable<WebStaff> CoachesOf(string unitId) => Staff.Where(s => s.UnitId == unitId && s.Role == "coach").OrderBy(s => s.Name, StringComparer.Ordinal);
}
