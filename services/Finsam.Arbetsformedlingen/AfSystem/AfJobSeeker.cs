namespace Finsam.Arbetsformedlingen.AfSystem;

/// <summary>A person as AF knows them: the record behind the <c>af.registration</c> category.</summary>
/// <param name="Programme">For example "Stöd och matchning", "Förberedande insatser".</param>
/// <param name="Sius">Särskilt introduktions- och uppföljningsstöd (SIUS) from an AF consultant.</param>
public sealed record AfJobSeeker(
    bool Registered,
    DateOnly? RegisteredSince,
    string? Programme,
    bool Sius,
    bool Aktivitetsstod,
    WageSubsidy? Lonebidrag,
    Officer? Officer);

/// <summary>A lönebidrag decision: the employer's subsidy, for a period.</summary>
public sealed record WageSubsidy(DateOnly DecidedOn, DateOnly From, DateOnly To, int PercentOfWage);

public sealed record Officer(string Name, string Phone);
