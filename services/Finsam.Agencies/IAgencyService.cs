using Finsam.ServiceDefaults;

namespace Finsam.Agencies;

/// <summary>
/// Names an agency's adapter service (AF's, FK's) and what it speaks for. Everything an adapter does beyond its
/// agency's own record, wording, simulator and contract is this module's, the same code for every agency.
/// </summary>
public interface IAgencyService : IFinsamService
{
    /// <summary>The agency's party, as consents and audit records name it.</summary>
    static abstract string Party { get; }

    /// <summary>The one category the adapter shares: its section in a shared view and its news to an IPS unit.</summary>
    static abstract string Category { get; }

    /// <summary>The agency's name as people read it (API tags, error messages).</summary>
    static abstract string DisplayName { get; }

    /// <summary>
    /// Where the adapter's settings live, e.g. <c>Finsam:Arbetsformedlingen</c>: <c>System</c> (simulator or http),
    /// <c>Http:BaseUrl</c>, <c>Http:BearerToken</c>, <c>Simulator:Persons</c> and <c>Watch:Interval</c>.
    /// </summary>
    static abstract string ConfigurationSection { get; }
}
