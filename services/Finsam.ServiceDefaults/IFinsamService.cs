namespace Finsam.ServiceDefaults;

/// <summary>
/// Names a service. Per-service infrastructure (its database, outbox relay, grant audience) is typed by the
/// service so that one process can host several services side by side without mixing them up.
/// </summary>
public interface IFinsamService
{
    /// <summary>Lower-case name: route prefix, database file, queue name and grant audience.</summary>
    static abstract string Name { get; }
}
