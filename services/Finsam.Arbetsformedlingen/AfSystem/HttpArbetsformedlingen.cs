using Finsam.Agencies.Systems;

namespace Finsam.Arbetsformedlingen.AfSystem;

/// <summary>AF's real system, over the contract in <c>Contract/af-jobseeker.openapi.yaml</c>.</summary>
internal sealed class HttpArbetsformedlingen(HttpClient http, IConfiguration configuration)
    : HttpAgencySystem<ArbetsformedlingenService, AfJobSeeker, HttpArbetsformedlingen.JobSeekerContract>(http, configuration)
{
    protected override string PathOf(string personRef) => $"jobseekers/{personRef}";

    // Without "registered" an answer would read as "not registered": a wrong fact, worse than no answer.
    protected override AfJobSeeker FromContract(JobSeekerContract? answer) =>
        answer is { Registered: { } registered }
            ? new AfJobSeeker(registered, answer.RegisteredSince, answer.Programme, answer.Sius, answer.Aktivitetsstod, answer.Lonebidrag, answer.Officer)
            : throw new InvalidDataException("AF answered 200 without a job seeker's registration.");

    /// <summary>A job seeker as AF's API sends one.</summary>
    internal sealed record JobSeekerContract(
        bool? Registered, DateOnly? RegisteredSince, string? Programme, bool Sius, bool Aktivitetsstod, WageSubsidy? Lonebidrag, Officer? Officer);
}
