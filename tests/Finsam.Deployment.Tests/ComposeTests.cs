using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Finsam.Deployment.Tests;

/// <summary>docker-compose.yml runs every host, distributed, on RabbitMQ and SQL Server, with traces to Jaeger.</summary>
public sealed class ComposeTests
{
    private static ComposeFile Compose => ComposeFile.Instance;

    /// <summary>Services that may publish a port, and only on the loopback address: the gateway, the web interface and the tools' UIs.</summary>
    private static readonly HashSet<string> PublishedPorts = ["gateway:8080", "web:8080", "rabbitmq:15672", "jaeger:16686"];

    private static readonly string[] Conditions = ["service_healthy", "service_started", "service_completed_successfully"];

    /// <summary>What docker-compose 1.29 accepts at the top, besides x- extensions (it rejects name:).</summary>
    private static readonly HashSet<string> TopLevelKeys = ["version", "services", "volumes", "networks", "secrets", "configs"];

    public static TheoryData<string> Hosts() => Repository.HostProjects();

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Every_host_has_a_compose_service_built_from_the_dockerfile_with_a_health_check(string project)
    {
        var host = Repository.Host(project);
        var service = Compose.Service(host.Service);

        var build = service.Mapping("build");
        var dockerfile = Path.Combine(build["context"].Text() ?? ".", build["dockerfile"].Text() ?? "Dockerfile");
        Assert.True(Repository.Exists(dockerfile), $"{host.Service} is built from {dockerfile}, which does not exist.");
        Assert.Equal(host.Project, build["args"]?["HOST"].Text());
        Assert.Contains("http://127.0.0.1:8080/health/ready", Compose.HealthCheckOf(host.Service), StringComparison.Ordinal);
        Assert.Null(service["profiles"]);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Every_host_in_compose_gets_longer_to_stop_than_it_gives_itself(string project)
    {
        var grace = Compose.Service(Repository.Host(project).Service)["stop_grace_period"].Text();
        var match = grace is null ? null : System.Text.RegularExpressions.Regex.Match(grace, "^(?:(?<m>[0-9]+)m)?(?:(?<s>[0-9]+)s)?$");

        Assert.True(match is { Success: true }, $"stop_grace_period is {grace ?? "unset (10s)"}: Docker would kill the host before its own shutdown timeout has let it finish.");
        var period = TimeSpan.FromMinutes(match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0)
            + TimeSpan.FromSeconds(match.Groups["s"].Success ? int.Parse(match.Groups["s"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
        Assert.True(period > Repository.HostShutdownTimeout(), $"stop_grace_period {grace} is not longer than the hosts' shutdown timeout of {Repository.HostShutdownTimeout()}.");
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Every_host_in_compose_runs_on_rabbitmq_and_sql_server_and_exports_telemetry(string project)
    {
        var host = Repository.Host(project);
        var environment = Compose.EnvironmentOf(host.Service);

        Assert.Equal("rabbitmq", environment.GetValueOrDefault("Finsam__Messaging__Transport"));
        var broker = new Uri(environment.GetValueOrDefault("Finsam__Messaging__RabbitMq") ?? "missing:");
        Assert.Equal("amqp", broker.Scheme);
        Assert.Equal("rabbitmq", broker.Host);
        Assert.StartsWith("rabbitmq:", Compose.Service(broker.Host)["image"].Text(), StringComparison.Ordinal);

        Assert.Equal("sqlserver", environment.GetValueOrDefault("Finsam__Database__Provider"));
        var connectionString = environment.GetValueOrDefault($"ConnectionStrings__{host.Service}") ?? "";
        Assert.Contains("Server=sqlserver,1433;", connectionString, StringComparison.Ordinal);
        Assert.Contains($"Database=finsam_{host.Service};", connectionString, StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/mssql/server:", Compose.Service("sqlserver")["image"].Text(), StringComparison.Ordinal);

        Assert.Equal("false", environment.GetValueOrDefault("Finsam__Grants__EphemeralKeys"));
        var collector = new Uri(environment.GetValueOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT") ?? "missing:");
        Assert.StartsWith("otel/opentelemetry-collector-contrib:", Compose.Service(collector.Host)["image"].Text(), StringComparison.Ordinal);
        Assert.Equal(4317, collector.Port);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Every_host_in_compose_knows_where_every_other_service_answers(string project)
    {
        var host = Repository.Host(project);
        var environment = Compose.EnvironmentOf(host.Service);
        foreach (var other in Repository.Hosts.Where(h => !h.IsGateway && h != host))
        {
            Assert.Equal($"http://{other.Service}:8080/", environment.GetValueOrDefault($"Finsam__Services__{other.Service}"));
        }
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Every_host_in_compose_reads_the_directory_of_units_and_staff(string project)
    {
        var host = Repository.Host(project);
        var environmentName = Compose.EnvironmentOf(host.Service).GetValueOrDefault("ASPNETCORE_ENVIRONMENT");
        Assert.Equal("Production", environmentName);
        Assert.Contains(
            $"./deploy/Finsam.Local/demo-county.json:/app/appsettings.{environmentName}.json:ro",
            Compose.Volumes(host.Service));
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Every_host_waits_until_the_database_and_the_broker_are_healthy(string project)
    {
        var dependencies = Compose.DependenciesOf(Repository.Host(project).Service);
        Assert.Equal("service_healthy", dependencies.GetValueOrDefault("sqlserver"));
        Assert.Equal("service_healthy", dependencies.GetValueOrDefault("rabbitmq"));
    }

    [Fact]
    public void The_web_interface_has_its_own_container_that_calls_only_the_gateway_once_it_is_healthy()
    {
        var build = Compose.Service("web").Mapping("build");
        Assert.Equal("Finsam.Web", build["args"]?["HOST"].Text());
        Assert.Contains("http://127.0.0.1:8080/health/ready", Compose.HealthCheckOf("web"), StringComparison.Ordinal);
        var environment = Compose.EnvironmentOf("web");
        Assert.Equal("http://gateway:8080/", environment.GetValueOrDefault("Finsam__Web__Gateway"));
        Assert.DoesNotContain(environment.Keys, key => key.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || key.StartsWith("Finsam__Services__", StringComparison.Ordinal));
        Assert.Equal("service_healthy", Compose.DependenciesOf("web").GetValueOrDefault("gateway"));
        Assert.Contains("127.0.0.1:5001:8080", Compose.Ports("web"));
    }

    [Fact]
    public void Every_service_that_publishes_waits_for_the_audit_queue_and_the_gateway_for_every_service()
    {
        // A message published on RabbitMQ before the audit queue is bound would be dropped.
        foreach (var host in Repository.Hosts.Where(h => h.Publishes))
        {
            Assert.Equal("service_healthy", Compose.DependenciesOf(host.Service).GetValueOrDefault("audit"));
        }

        var gateway = Compose.DependenciesOf("gateway");
        foreach (var host in Repository.Hosts.Where(h => h.IsCalledByGateway))
        {
            Assert.Equal("service_healthy", gateway.GetValueOrDefault(host.Service));
        }
    }

    [Fact]
    public void Every_dependency_on_health_names_a_service_with_a_health_check()
    {
        foreach (var service in Compose.ServiceNames)
        {
            foreach (var (dependency, condition) in Compose.DependenciesOf(service))
            {
                Assert.Contains(condition, Conditions);
                if (condition == "service_healthy")
                {
                    Assert.True(Compose.Service(dependency)["healthcheck"] is JsonObject, $"{service} waits for {dependency} to be healthy, which has no health check.");
                }
            }
        }
    }

    [Fact]
    public void Only_the_gateway_and_the_tools_are_published_and_only_on_loopback()
    {
        var published = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in Compose.ServiceNames)
        {
            foreach (var binding in Compose.Ports(service))
            {
                var parts = binding.Split('/')[0].Split(':');
                Assert.True(parts is ["127.0.0.1", _, _], $"{service} publishes {binding}: bind to 127.0.0.1:HOST:CONTAINER.");
                if (Compose.Service(service)["profiles"] is null)
                {
                    published.Add($"{service}:{parts[2]}");
                }
            }
        }

        Assert.Equal(PublishedPorts.Order(StringComparer.Ordinal), published.Order(StringComparer.Ordinal));
        Assert.Contains("127.0.0.1:5000:8080", Compose.Ports("gateway"));
    }

    [Fact]
    public void Every_file_compose_reads_exists()
    {
        foreach (var service in Compose.ServiceNames)
        {
            foreach (var file in Compose.EnvFiles(service))
            {
                Assert.True(Repository.Exists(file), $"{service} reads env file {file}, which does not exist.");
            }

            foreach (var volume in Compose.Volumes(service).Where(v => v.StartsWith("./", StringComparison.Ordinal)))
            {
                var source = volume.Split(':')[0];
                Assert.True(Repository.Exists(source), $"{service} mounts {source}, which does not exist.");
            }
        }
    }

    [Fact]
    public void Compose_uses_no_top_level_key_that_docker_compose_1_29_rejects()
    {
        foreach (var (key, _) in Compose.Root)
        {
            Assert.True(TopLevelKeys.Contains(key) || key.StartsWith("x-", StringComparison.Ordinal), $"Top-level '{key}' is not Compose 1.29 syntax.");
        }
    }

    [Fact]
    public void The_collector_sends_traces_to_jaeger()
    {
        const string config = "deploy/otel/collector.yaml";
        Assert.Contains($"./{config}:/etc/otelcol-contrib/config.yaml:ro", Compose.Volumes("otel-collector"));

        var collector = Yaml.LoadFile(config);
        var pipelines = collector.Mapping("service").Mapping("pipelines");
        foreach (var (name, pipeline) in pipelines)
        {
            foreach (var section in new[] { "receivers", "processors", "exporters" })
            {
                foreach (var component in (pipeline?[section] as JsonArray).Texts())
                {
                    Assert.True(collector.Mapping(section).ContainsKey(component), $"Pipeline {name} uses {section[..^1]} {component}, which is not defined.");
                }
            }
        }

        var exporter = Assert.Single((pipelines.Mapping("traces")["exporters"] as JsonArray).Texts());
        var endpoint = collector.Mapping("exporters").Mapping(exporter)["endpoint"].Text() ?? "";
        Assert.Equal("jaeger:4317", endpoint);
        Assert.StartsWith("jaegertracing/all-in-one:", Compose.Service("jaeger")["image"].Text(), StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:16686:16686", Compose.Ports("jaeger"));
    }

    [Fact]
    public async Task Docker_compose_accepts_the_file()
    {
        var dockerCompose = FindOnPath("docker-compose");
        if (dockerCompose is null)
        {
            Assert.Skip("docker-compose is not on the PATH (Debian package docker-compose); the compose file was only parsed.");
        }

        using var process = Process.Start(new ProcessStartInfo(dockerCompose, ["-f", ComposeFile.Path, "config", "-q"])
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(process.ExitCode == 0, $"docker-compose config -q failed ({process.ExitCode}):\n{await errors}{await output}");
    }

    private static string? FindOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, command))
            .FirstOrDefault(File.Exists);
}
