namespace Finsam.Web.Common;

public sealed record WebUnit(string Id, string Name, string Party);

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

    /// <summary>IPS units: those with coaches.</summary>
    public IEnumerable<WebUnit> IpsUnits => Units.Where(u => Staff.Any(s => s.UnitId == u.Id && s.Role == "coach"));

    public IEnumerable<WebStaff> CoachesOf(string unitId) => Staff.Where(s => s.UnitId == unitId && s.Role == "coach").OrderBy(s => s.Name, StringComparer.Ordinal);
}
