using System.Text.RegularExpressions;

namespace Finsam.Deployment.Tests;

/// <summary>A host: a project under services/ or gateway/ whose Program.cs builds a web application.</summary>
/// <param name="Project">The project's name, which is also its folder's (Finsam.Consent).</param>
/// <param name="Folder">Its folder, relative to the repository root (services/Finsam.Consent).</param>
/// <param name="Service">The name the service gives itself in code (consent): container, Deployment and DNS name.</param>
public sealed record FinsamHost(string Project, string Folder, string Service)
{
    public bool IsGateway => Service == "gateway";

    /// <summary>
    /// The audit writer and the witness: each keeps a history under a lock inside its one process, so each runs as exactly
    /// one replica, without an autoscaler.
    /// </summary>
    public bool IsSingleWriter => Service is "audit" or "witness";

    /// <summary>Whether the host publishes messages (the audit log only takes them; the witness has no bus at all).</summary>
    public bool Publishes => Service is not ("audit" or "witness");

    /// <summary>Whether the gateway calls it: every service but the witness, which only the audit service calls.</summary>
    public bool IsCalledByGateway => !IsGateway && Service != "witness";
}

public static partial class Repository
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Finsam.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Finsam.sln not found above the test folder.");
    });

    private static readonly Lazy<IReadOnlyList<FinsamHost>> LazyHosts = new(FindHosts);

    public static string Root => LazyRoot.Value;

    /// <summary>Every host, found in the code rather than listed here, so that a new host must be deployed too.</summary>
    public static IReadOnlyList<FinsamHost> Hosts => LazyHosts.Value;

    public static FinsamHost Host(string project) => Hosts.Single(h => h.Project == project);

    public static TheoryData<string> HostProjects() => [.. Hosts.Select(h => h.Project)];

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static bool Exists(string relative) => File.Exists(PathOf(relative)) || Directory.Exists(PathOf(relative));

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>Files under <paramref name="folder"/>, without build output.</summary>
    public static IEnumerable<string> FilesUnder(string folder) =>
        Directory.EnumerateFiles(PathOf(folder), "*", SearchOption.AllDirectories)
            .Select(Relative)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static List<FinsamHost> FindHosts()
    {
        var hosts = new List<FinsamHost>();
        foreach (var parent in new[] { "services", "gateway" })
        {
            foreach (var folder in Directory.EnumerateDirectories(PathOf(parent)).Order(StringComparer.Ordinal))
            {
                var program = Path.Combine(folder, "Program.cs");
                // A command-line tool (Finsam.Audit.Verify) has a Program.cs too, but builds no web application.
                if (!File.Exists(program) || !File.ReadAllText(program).Contains("WebApplication.CreateBuilder", StringComparison.Ordinal))
                {
                    continue;
                }

                hosts.Add(new FinsamHost(Path.GetFileName(folder), Relative(folder), ServiceNameIn(folder)));
            }
        }

        return hosts;
    }

    /// <summary>The <c>public static string Name =&gt; "…"</c> of the host's <c>IFinsamService</c>.</summary>
    private static string ServiceNameIn(string folder)
    {
        var names = Directory.EnumerateFiles(folder, "*.cs", SearchOption.TopDirectoryOnly)
            .Select(file => ServiceName().Match(File.ReadAllText(file)))
            .Where(match => match.Success)
            .Select(match => match.Groups["name"].Value)
            .Distinct()
            .ToList();
        return names.Count == 1
            ? names[0]
            : throw new InvalidOperationException($"Expected one service name in {Relative(folder)}, found {names.Count}.");
    }

    /// <summary>How long a host gives itself to stop after SIGTERM by default, as the code says (GracefulShutdown.DefaultTimeout).</summary>
    public static TimeSpan HostShutdownTimeout()
    {
        const string file = "services/Finsam.ServiceDefaults/Hosting/GracefulShutdown.cs";
        var match = DefaultShutdownTimeout().Match(Read(file));
        Assert.True(match.Success, $"GracefulShutdown.DefaultTimeout = TimeSpan.FromSeconds(n) not found in {file}.");
        return TimeSpan.FromSeconds(int.Parse(match.Groups["seconds"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("""DefaultTimeout = TimeSpan\.FromSeconds\((?<seconds>[0-9]+)\);""")]
    private static partial Regex DefaultShutdownTimeout();

    /// <summary>The issuers the consent service accepts decision requests from, as the code lists them.</summary>
    public static IReadOnlyList<string> ConsentCallers()
    {
        const string file = "services/Finsam.ServiceDefaults/Consent/ConsentDecisionClient.cs";
        var match = TrustedIssuers().Match(Read(file));
        Assert.True(match.Success, $"ConsentCallers.TrustedIssuers not found in {file}.");
        return [.. Quoted().Matches(match.Groups["list"].Value).Select(m => m.Groups["value"].Value)];
    }

    [GeneratedRegex("""public static string Name => "(?<name>[a-z-]+)";""")]
    private static partial Regex ServiceName();

    [GeneratedRegex("""TrustedIssuers\s*=\s*\[(?<list>[^\]]*)\]""")]
    private static partial Regex TrustedIssuers();

    [GeneratedRegex("\"(?<value>[^\"]*)\"")]
    private static partial Regex Quoted();
}
