using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Dapper;
using Finsam.Contracts.Audit;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Messaging;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Finsam.Distributed.Tests.Cluster;

/// <summary>
/// Finsam as a county would run it, on one machine: each service and the gateway in its own process, on
/// RabbitMQ (a virtual host of this cluster's own) and each with its own SQLite file, keyed grants between
/// processes (no shared in-memory keys), and the demo county's directory. Tests read the stores directly to
/// check counts that no API shows whole.
/// </summary>
public sealed class FinsamCluster : IAsyncDisposable
{
    /// <summary>What the referral story needs.</summary>
    public static readonly string[] ReferralServices = ["consent", "healthcare", "municipality", "audit", "gateway"];

    /// <summary>Every host.</summary>
    public static readonly string[] AllServices = [.. ReferralServices, "coordination", "arbetsformedlingen", "forsakringskassan", "follow-up"];

    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(120);

    /// <summary>Ports this test run has given a host, so two hosts of one run never get the same one.</summary>
    private static readonly HashSet<int> HandedOut = [];
    private readonly RabbitMqBroker _broker;
    private readonly Dictionary<string, string> _environment;
    private readonly Dictionary<string, string> _signingKeys = [];
    private readonly Dictionary<string, ServiceProcess> _processes = [];
    private readonly List<ServiceProcess> _replicas = [];
    private readonly string? _sqlServer;
    private readonly SocketsHttpHandler _http = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(1) };

    private FinsamCluster(RabbitMqBroker broker, string virtualHost, string dataDirectory, Dictionary<string, Uri> addresses, string? sqlServer, FaultProxy? proxy)
    {
        _broker = broker;
        VirtualHost = virtualHost;
        DataDirectory = dataDirectory;
        Addresses = addresses;
        _sqlServer = sqlServer;
        var amqp = broker.AmqpUriOf(virtualHost);
        _environment = Environment(proxy?.InFrontOf(amqp) ?? amqp, dataDirectory, addresses, _signingKeys);
        if (sqlServer is not null)
        {
            _environment["Finsam__Database__Provider"] = "sqlserver";
            foreach (var service in AllServices)
            {
                _environment[$"ConnectionStrings__{service}"] = SqlServerDatabase(service);
            }
        }
        Client = new FinsamClient(() => new HttpClient(_http, disposeHandler: false) { BaseAddress = addresses["gateway"] });
    }

    public string VirtualHost { get; }

    public string DataDirectory { get; }

    public IReadOnlyDictionary<string, Uri> Addresses { get; }

    public RabbitMqBroker Broker => _broker;

    /// <summary>A client of the gateway, as the demo users.</summary>
    public FinsamClient Client { get; }

    public ServiceProcess this[string service] => _processes[service];

    public static Task<FinsamCluster> StartAsync(params string[] services) => StartAsync(services, sqlServer: null);

    /// <summary>The same, with every service reaching the broker through <paramref name="proxy"/>.</summary>
    public static Task<FinsamCluster> StartThroughAsync(FaultProxy proxy, params string[] services) => StartAsync(services, sqlServer: null, proxy);

    /// <summary>
    /// The same on SQL Server (<c>FINSAM_SQLSERVER</c>, a connection string): one new database per service,
    /// created by the services' own migrations and dropped afterwards. Skipped with a reason when unset.
    /// </summary>
    public static Task<FinsamCluster> StartOnSqlServerAsync(params string[] services)
    {
        var sqlServer = System.Environment.GetEnvironmentVariable(SqlServerVariable);
        if (string.IsNullOrWhiteSpace(sqlServer))
        {
            Assert.Skip($"{SqlServerVariable} is not set: this test needs a SQL Server (docs/deployment.md shows the one-line container).");
        }

        return StartAsync(services, sqlServer);
    }

    public const string SqlServerVariable = "FINSAM_SQLSERVER";

    private static async Task<FinsamCluster> StartAsync(string[] services, string? sqlServer, FaultProxy? proxy = null)
    {
        var broker = RabbitMqBroker.FromEnvironment();
        var virtualHost = await broker.CreateVirtualHostAsync();
        var dataDirectory = Directory.CreateTempSubdirectory("finsam-cluster-").FullName;
        var cluster = new FinsamCluster(broker, virtualHost, dataDirectory, AllServices.ToDictionary(s => s, _ => FreeLoopbackAddress()), sqlServer, proxy);
        try
        {
            // One at a time: on two cores, eight .NET hosts starting at once mostly wait for each other.
            foreach (var service in services)
            {
                await cluster.StartAsync(service);
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    public async Task StartAsync(string service)
    {
        if (!_processes.TryGetValue(service, out var process))
        {
            _processes[service] = process = new ServiceProcess(service, Addresses[service], EnvironmentOf(service));
        }

        process.Start();
        await process.WaitUntilReadyAsync(StartPatience);
    }

    /// <summary>Another process of the same service on the same queue and store: a competing consumer.</summary>
    public async Task<ServiceProcess> StartReplicaAsync(string service)
    {
        var replica = new ServiceProcess(service, FreeLoopbackAddress(), EnvironmentOf(service));
        _replicas.Add(replica);
        replica.Start();
        await replica.WaitUntilReadyAsync(StartPatience);
        return replica;
    }

    /// <summary>How many referrals a municipality process took into the queue, by its log.</summary>
    public static int ReferralsTakenBy(ServiceProcess municipality) =>
        municipality.Output.Count(line => line.Contains("Taking referral", StringComparison.Ordinal));

    /// <summary>A read-only look at a service's own database.</summary>
    public async Task<T> QueryStoreAsync<T>(string service, string sql)
    {
        await using var connection = OpenStore(service);
        return await connection.QuerySingleAsync<T>(sql);
    }

    public async Task<HashSet<string>> StoreIdsAsync(string service, string sql)
    {
        await using var connection = OpenStore(service);
        return [.. await connection.QueryAsync<string>(sql)];
    }

    private SqliteConnection OpenStore(string service) =>
        new($"Data Source={Path.Combine(DataDirectory, service + ".db")};Mode=ReadOnly;Pooling=False");

    /// <summary>
    /// Message ids the given services committed to their outboxes that the audit log does not hold, and ids
    /// the audit log holds that no outbox sent. Both empty: every event has exactly one record (message ids
    /// are unique in the audit log).
    /// </summary>
    public async Task<(HashSet<string> Missing, HashSet<string> Unexpected)> AuditGapAsync(params string[] auditedServices)
    {
        var sent = new HashSet<string>();
        foreach (var service in auditedServices)
        {
            // Audited events only: the consent service's notices between its replicas (ConsentsChanged) are not.
            sent.UnionWith((await StoreIdsAsync(service, "SELECT message_id || ' ' || message_type FROM outbox_messages"))
                .Select(row => row.Split(' '))
                .Where(row => AuditedMessages.IsAudited(OutboxMessageTypes.Resolve(row[1])))
                .Select(row => row[0]));
        }

        var recorded = await StoreIdsAsync("audit", "SELECT message_id FROM audit_records");
        return ([.. sent.Except(recorded)], [.. recorded.Except(sent)]);
    }

    /// <summary>
    /// What a failed test needs to be understood: per process its state, its unsent outbox and its last words;
    /// every process's whole output goes to <c>TestResults/distributed/{test}/</c> (CI keeps that folder).
    /// </summary>
    public async Task<string> DiagnosticsAsync()
    {
        var logs = Path.Combine(TestPaths.RepositoryRoot, "TestResults", "distributed", $"{TestContext.Current.Test?.TestDisplayName ?? "cluster"}-{VirtualHost}");
        Directory.CreateDirectory(logs);
        var report = new System.Text.StringBuilder($"Whole output of every process: {logs}\n");
        foreach (var process in _processes.Values.Concat(_replicas))
        {
            await File.WriteAllLinesAsync(Path.Combine(logs, $"{process.Service}-{process.Address.Port}.log"), process.Output);
            var unsent = File.Exists(Path.Combine(DataDirectory, process.Service + ".db"))
                ? (await QueryStoreAsync<long>(process.Service, "SELECT COUNT(*) FROM outbox_messages WHERE sent_at IS NULL")).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : "?";
            report.Append(System.Globalization.CultureInfo.InvariantCulture, $"--- {process.Service} ({(process.IsRunning ? "running" : "stopped")}, {unsent} unsent in its outbox)\n{process.Tail(15)}\n");
        }

        return report.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        // Shown with a failed test: the last words of every process.
        try
        {
            TestContext.Current.TestOutputHelper?.WriteLine(await DiagnosticsAsync());
        }
        catch (Exception exception) when (exception is IOException or SqliteException or UnauthorizedAccessException)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"No diagnostics: {exception.Message}");
        }

        foreach (var process in _processes.Values.Concat(_replicas))
        {
            await process.DisposeAsync();
        }

        _http.Dispose();
        await _broker.DeleteVirtualHostAsync(VirtualHost);
        await DropSqlServerDatabasesAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a killed process may have left a file open for a moment; the folder is in the temp directory
        }
    }

    private string SqlServerDatabase(string service) =>
        new SqlConnectionStringBuilder(_sqlServer) { InitialCatalog = $"{VirtualHost.Replace('-', '_')}_{service}" }.ConnectionString;

    private async Task DropSqlServerDatabasesAsync()
    {
        if (_sqlServer is null)
        {
            return;
        }

        SqlConnection.ClearAllPools();
        await using var master = new SqlConnection(new SqlConnectionStringBuilder(_sqlServer) { InitialCatalog = "master" }.ConnectionString);
        foreach (var service in AllServices)
        {
            var database = new SqlConnectionStringBuilder(SqlServerDatabase(service)).InitialCatalog;
            await master.ExecuteAsync($"IF DB_ID('{database}') IS NOT NULL BEGIN ALTER DATABASE [{database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{database}]; END");
        }
    }

    /// <summary>
    /// A port no one listens on, from below the kernel's ephemeral range (32768 and up on Linux). A port the
    /// kernel hands out for port 0 comes from that range, the same one outgoing connections (to RabbitMQ, to
    /// other services) take their local ports from: between choosing it and a host binding it, or while a
    /// stopped host restarts, a client socket can take it and the host fails with "address in use".
    /// </summary>
    private static Uri FreeLoopbackAddress()
    {
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(10_000, 20_000);
                if (HandedOut.Contains(port))
                {
                    continue;
                }

                try
                {
                    using var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                }
                catch (SocketException)
                {
                    continue;
                }

                HandedOut.Add(port);
                return new Uri($"http://127.0.0.1:{port}/");
            }
        }

        throw new InvalidOperationException("No free loopback port between 10000 and 20000.");
    }

    /// <summary>The shared configuration and the one private key a host signs its grants with (it trusts every public key).</summary>
    private Dictionary<string, string> EnvironmentOf(string service) =>
        new(_environment) { [$"Finsam__Grants__SigningKeys__{service}"] = _signingKeys[service] };

    /// <summary>The configuration every process gets, as environment variables (<c>:</c> written <c>__</c>).</summary>
    private static Dictionary<string, string> Environment(Uri amqp, string dataDirectory, Dictionary<string, Uri> addresses, Dictionary<string, string> signingKeys)
    {
        var settings = new Dictionary<string, string>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["Logging:LogLevel:Default"] = "Warning",
            // When a stop began and how it ended (GracefulShutdown), which the shutdown test reads.
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            [$"Logging:LogLevel:{typeof(GracefulShutdown).FullName}"] = "Information",
            // Which process of a scaled-out municipality took which referral (the competing-consumers test counts them).
            [$"Logging:LogLevel:{typeof(Finsam.Municipality.Ips.Intake.ReferralSubmittedConsumer).FullName}"] = "Information",
            ["Finsam:DataDirectory"] = dataDirectory,
            // A source's first answer comes from a process that has not yet served one (JIT, first connection), on
            // two cores the browser tests share: these tests are about which sections each party gets, so a slow
            // first answer must not turn one "unavailable". The deadline itself is tested in process (MeetingTests).
            ["Finsam:Gateway:SharedView:Deadline"] = "00:00:15",
            ["Finsam:Messaging:Transport"] = "rabbitmq",
            ["Finsam:Messaging:RabbitMq"] = amqp.ToString(),
            ["Finsam:Outbox:PollInterval"] = "00:00:00.200",
            ["Finsam:Outbox:RetryDelay"] = "00:00:00.500",
            ["Finsam:Grants:EphemeralKeys"] = "false",
            ["Finsam:PersonRef:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Finsam:DevIdentity:Enabled"] = "true",
            ["Finsam:DevIdentity:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        foreach (var (service, address) in addresses)
        {
            settings[$"Finsam:Services:{service}"] = address.ToString();

            // Each host signs grants as itself alone; every host knows every public key and decides per route whom to trust.
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            signingKeys[service] = key.ExportPkcs8PrivateKeyPem();
            settings[$"Finsam:Grants:PublicKeys:{service}"] = key.ExportSubjectPublicKeyInfoPem();
        }

        var county = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "demo-county.json")).Build();
        foreach (var (key, value) in county.AsEnumerable())
        {
            if (value is not null)
            {
                settings[key] = value;
            }
        }

        return settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
    }
}
