using Finsam.ServiceDefaults.Data;
using Microsoft.Extensions.Configuration;

namespace Finsam.ServiceDefaults.Hosting;

/// <summary>
/// A signing key that a real deployment configures and the embedded default makes on its first start and keeps in its data
/// folder, so that what it signed stays verifiable across restarts: the audit log's keys, the witness's.
/// </summary>
public static class KeptSecrets
{
    /// <summary>
    /// The configured value of <paramref name="key"/>; without one, the content of <paramref name="fileName"/> in the data
    /// folder, written with <paramref name="create"/> the first time (and then <paramref name="created"/> is told where).
    /// </summary>
    public static string ConfiguredOrKept(IConfiguration configuration, string key, string fileName, Func<string> create, Action<string> created)
    {
        var configured = configuration[key];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var directory = Path.GetFullPath(configuration["Finsam:DataDirectory"] ?? DatabaseSettings.DefaultDataDirectory);
        var file = Path.Combine(directory, fileName);
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(file, create());
            created(file);
        }

        return File.ReadAllText(file);
    }
}
