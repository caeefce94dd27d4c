namespace Finsam.Contracts.Api.Blocks;

public sealed record BlockCreated(Guid BlockId);
