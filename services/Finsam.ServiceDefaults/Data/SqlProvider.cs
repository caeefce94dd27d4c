namespace Finsam.ServiceDefaults.Data;

public enum SqlProvider
{
    /// <summary>One file per service: the embedded default.</summary>
    Sqlite,

    /// <summary>One database per service: the distributed deployment.</summary>
    SqlServer,
}
