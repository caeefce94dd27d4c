using System.Text.Json.Nodes;

namespace Finsam.Deployment.Tests;

/// <summary>docker-compose.yml, read as Compose reads it: merge keys resolved, env_file entries under environment.</summary>
public sealed class ComposeFile
{
    public const string Path = "docker-compose.yml";

    private static readonly Lazy<ComposeFile> Loaded = new(() => new ComposeFile(Yaml.LoadFile(Path)));

    private ComposeFile(JsonObject root)
    {
        Root = root;
        Services = root.Mapping("services");
    }

    public static ComposeFile Instance => Loaded.Value;

    public JsonObject Root { get; }

    public JsonObject Services { get; }

    public IEnumerable<string> ServiceNames => Services.Select(pair => pair.Key);

    public JsonObject Service(string name)
    {
        Assert.True(Services.ContainsKey(name), $"{Path} has no service '{name}'.");
        return (JsonObject)Services[name]!;
    }

    /// <summary>Services started by a plain <c>docker compose up</c> (no profile).</summary>
    public IEnumerable<string> DefaultServiceNames => ServiceNames.Where(name => Service(name)["profiles"] is null);

    public IEnumerable<string> EnvFiles(string service) => Service(service)["env_file"] switch
    {
        null => [],
        JsonArray files => files.Texts(),
        var file => [file.Text()!],
    };

    /// <summary>The container's environment: the env files in order, then <c>environment</c>, which wins.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentOf(string service)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in EnvFiles(service))
        {
            foreach (var (key, value) in EnvFile.Read(file))
            {
                environment[key] = value;
            }
        }

        switch (Service(service)["environment"])
        {
            case JsonObject mapping:
                foreach (var (key, value) in mapping)
                {
                    environment[key] = value.Text() ?? "";
                }

                break;
            case JsonArray list:
                foreach (var entry in list.Texts())
                {
                    var (key, value) = EnvFile.Split(entry);
                    environment[key] = value;
                }

                break;
        }

        return environment;
    }

    /// <summary>Host port bindings as written ("127.0.0.1:5000:8080").</summary>
    public IEnumerable<string> Ports(string service) => Service(service)["ports"] is JsonArray ports ? ports.Texts() : [];

    public IEnumerable<string> Volumes(string service) => Service(service)["volumes"] is JsonArray volumes ? volumes.Texts() : [];

    /// <summary>depends_on as service → condition (a plain list means service_started).</summary>
    public IReadOnlyDictionary<string, string> DependenciesOf(string service) => Service(service)["depends_on"] switch
    {
        null => new Dictionary<string, string>(),
        JsonArray list => list.Texts().ToDictionary(name => name, _ => "service_started"),
        JsonObject map => map.ToDictionary(pair => pair.Key, pair => pair.Value?["condition"].Text() ?? "service_started"),
        _ => throw new InvalidOperationException($"depends_on of {service} is neither a list nor a mapping."),
    };

    public string HealthCheckOf(string service) =>
        string.Join(' ', Service(service)["healthcheck"]?["test"] switch
        {
            JsonArray test => test.Texts(),
            var test => [test.Text() ?? ""],
        });
}

/// <summary>Compose's env files: KEY=VALUE a line; # starts a comment line.</summary>
public static class EnvFile
{
    public static IEnumerable<(string Key, string Value)> Read(string relative) =>
        Repository.Read(relative)
            .Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.Trim().Length > 0 && !line.TrimStart().StartsWith('#'))
            .Select(Split);

    public static (string Key, string Value) Split(string entry)
    {
        var equals = entry.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (entry.Trim(), "") : (entry[..equals].Trim(), entry[(equals + 1)..]);
    }
}
