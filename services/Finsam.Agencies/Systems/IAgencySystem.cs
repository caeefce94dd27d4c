namespace Finsam.Agencies.Systems;

/// <summary>
/// The port to an agency's own systems. The agency's integration side knows its people by personnummer and
/// computes the federation's personRef for them with the shared pseudonym key, so Finsam asks by personRef only
/// (docs/adr/0008). Two implementations per agency: its simulator and its HTTP client.
/// </summary>
/// <typeparam name="TRecord">What the agency knows of a person, in Finsam's terms (AF's job seeker, FK's benefit).</typeparam>
public interface IAgencySystem<TRecord>
    where TRecord : class
{
    /// <summary>The person as the agency knows them, or null when the agency has no record.</summary>
    Task<TRecord?> FindAsync(string personRef, CancellationToken cancellationToken);
}
