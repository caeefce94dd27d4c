using System.Text.Json.Nodes;

namespace Finsam.Contracts.Api.Meetings;

/// <summary>One party's category in a shared view: its status (ok, withheld, unavailable…) and, when ok, its data.</summary>
public sealed record SharedViewSection(string Party, string Category, string Status, JsonObject? Data);
