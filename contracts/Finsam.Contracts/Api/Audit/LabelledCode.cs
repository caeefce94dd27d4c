namespace Finsam.Contracts.Api.Audit;

public sealed record LabelledCode(string Code, string Label);
