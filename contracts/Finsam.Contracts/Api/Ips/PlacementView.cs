namespace Finsam.Contracts.Api.Ips;

public sealed record PlacementView(Guid PlacementId, string Type, string Employer, int ExtentPercent, DateOnly From, DateOnly? To, bool Ongoing);
