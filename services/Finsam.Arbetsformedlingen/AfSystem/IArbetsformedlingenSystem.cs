namespace Finsam.Arbetsformedlingen.AfSystem;

/// <summary>
/// The port to AF's own systems. AF's integration side knows its job seekers by personnummer and computes the
/// federation's personRef for them with the shared pseudonym key, so Finsam asks by personRef only
/// (docs/adr/0008).
/// </summary>
public interface IArbetsformedlingenSystem
{
    /// <summary>The person as AF knows them, or null when AF has no record.</summary>
    Task<AfJobSeeker?> FindAsync(string personRef, CancellationToken cancellationToken);
}

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
