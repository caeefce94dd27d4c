using Microsoft.Extensions.Configuration;

namespace Finsam.ServiceDefaults.Organization;

/// <summary>A unit; <see cref="Kind"/> says what a municipal unit is (Finsam.Contracts.Codes.UnitKinds), e.g. an IPS unit or a coordination team.</summary>
public sealed record Unit(string Id, string Name, string Party, string? Kind = null);

public sealed record StaffMember(string UserId, string Name, string Role, string Party, string UnitId);

/// <summary>
/// The units and staff that take part, from <c>Finsam:Directory:Units</c> and <c>Finsam:Directory:Staff</c>.
/// In production this is each party's own catalogue (e.g. HSA for health care); the embedded default seeds a
/// demonstration county.
/// </summary>
public sealed class FinsamDirectory
{
    private readonly Dictionary<string, Unit> _units;
    private readonly Dictionary<string, StaffMember> _staff;

    public FinsamDirectory(IEnumerable<Unit> units, IEnumerable<StaffMember> staff)
    {
        _units = units.ToDictionary(u => u.Id, StringComparer.Ordinal);
        _staff = staff.ToDictionary(s => s.UserId, StringComparer.Ordinal);
    }

    public static FinsamDirectory FromConfiguration(IConfiguration configuration) => new(
        configuration.GetSection("Finsam:Directory:Units").Get<List<Unit>>() ?? [],
        configuration.GetSection("Finsam:Directory:Staff").Get<List<StaffMember>>() ?? []);

    public IReadOnlyCollection<Unit> Units => _units.Values;

    public IReadOnlyCollection<StaffMember> Staff => _staff.Values;

    public Unit? FindUnit(string? unitId) => unitId is not null && _units.TryGetValue(unitId, out var unit) ? unit : null;

    public StaffMember? FindStaff(string? userId) => userId is not null && _staff.TryGetValue(userId, out var member) ? member : null;
}
