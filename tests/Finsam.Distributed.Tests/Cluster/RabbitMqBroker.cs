using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Finsam.Distributed.Tests.Cluster;

/// <summary>
/// The RabbitMQ node that <c>.ci/run</c> starts on loopback. Each cluster of a test gets a virtual host of its
/// own, so exchanges (named after message types) and queues never mix between tests.
/// </summary>
public sealed class RabbitMqBroker
{
    /// <summary><c>amqp://user:password@127.0.0.1:5672/</c>: the node's AMQP listener.</summary>
    public const string UriVariable = "FINSAM_RABBITMQ";

    /// <summary><c>http://user:password@127.0.0.1:15672/</c>: its management API, to create virtual hosts.</summary>
    public const string ManagementVariable = "FINSAM_RABBITMQ_MANAGEMENT";

    /// <summary>A shell command that restarts the node (stop, then start again with the same data).</summary>
    public const string RestartVariable = "FINSAM_RABBITMQ_RESTART";

    private readonly Uri _amqp;
    private readonly Uri _management;

    private RabbitMqBroker(Uri amqp, Uri management) => (_amqp, _management) = (amqp, management);

    /// <summary>The broker of this run, or a skipped test that says why there is none.</summary>
    public static RabbitMqBroker FromEnvironment()
    {
        var amqp = Environment.GetEnvironmentVariable(UriVariable);
        var management = Environment.GetEnvironmentVariable(ManagementVariable);
        if (string.IsNullOrWhiteSpace(amqp) || string.IsNullOrWhiteSpace(management))
        {
            Assert.Skip($"{UriVariable} and {ManagementVariable} are not set: these tests need a real RabbitMQ (bash .ci/run starts one on loopback).");
        }

        return new RabbitMqBroker(new Uri(amqp), new Uri(management));
    }

    public string User => Uri.UnescapeDataString(_amqp.UserInfo.Split(':')[0]);

    public Uri AmqpUriOf(string virtualHost) => new UriBuilder(_amqp) { Path = "/" + Uri.EscapeDataString(virtualHost) }.Uri;

    public async Task<string> CreateVirtualHostAsync()
    {
        var name = "finsam-test-" + Guid.NewGuid().ToString("N")[..12];
        using var management = ManagementClient();
        (await management.PutAsync($"vhosts/{name}", null)).EnsureSuccessStatusCode();
        (await management.PutAsJsonAsync($"permissions/{name}/{Uri.EscapeDataString(User)}", new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        return name;
    }

    public async Task DeleteVirtualHostAsync(string name)
    {
        using var management = ManagementClient();
        await management.DeleteAsync($"vhosts/{name}");
    }

    /// <summary>
    /// A queue as the management API shows it: its type (<c>quorum</c>, <c>classic</c>) and how many consumers
    /// it has. The API's figures are sampled every few seconds, so wait for a count rather than read it once.
    /// </summary>
    public async Task<(string Type, int Consumers)> QueueAsync(string virtualHost, string queue)
    {
        using var management = ManagementClient();
        var info = await management.GetFromJsonAsync<JsonObject>($"queues/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(queue)}")
            ?? throw new InvalidOperationException($"The management API said nothing about queue {queue}.");
        return (info["type"]?.GetValue<string>() ?? "", info["consumers"]?.GetValue<int>() ?? 0);
    }

    /// <summary>Every queue of a virtual host by name, with its type, as the management API shows them.</summary>
    public async Task<Dictionary<string, string>> QueueTypesAsync(string virtualHost)
    {
        using var management = ManagementClient();
        var queues = await management.GetFromJsonAsync<JsonArray>($"queues/{Uri.EscapeDataString(virtualHost)}") ?? [];
        return queues.ToDictionary(q => q!["name"]!.GetValue<string>(), q => q!["type"]?.GetValue<string>() ?? "");
    }

    /// <summary>
    /// Messages waiting or in delivery in a virtual host's queues, error queues left out, as the management API last sampled
    /// them (seconds behind): enough to pace a load driver by.
    /// </summary>
    public async Task<long> BacklogAsync(string virtualHost)
    {
        using var management = ManagementClient();
        var queues = await management.GetFromJsonAsync<JsonArray>($"queues/{Uri.EscapeDataString(virtualHost)}") ?? [];
        return queues.Where(q => !q!["name"]!.GetValue<string>().EndsWith("_error", StringComparison.Ordinal))
            .Sum(q => q!["messages"]?.GetValue<long>() ?? 0);
    }

    private HttpClient ManagementClient()
    {
        var client = new HttpClient { BaseAddress = new UriBuilder(_management) { UserName = "", Password = "", Path = "/api/" }.Uri };
        var credentials = Encoding.UTF8.GetBytes(Uri.UnescapeDataString(_management.UserInfo));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(credentials));
        return client;
    }

    /// <summary>
    /// Messages ready in a queue now (asked over AMQP: the management API's figures lag by seconds). A queue
    /// that does not exist holds none: MassTransit declares an error queue only when the first fault arrives.
    /// </summary>
    public async Task<uint> MessageCountAsync(string virtualHost, string queue) => (await DeclaredAsync(virtualHost, queue))?.MessageCount ?? 0;

    /// <summary>Consumers on a queue now (over AMQP, as above); none when the queue is not declared yet.</summary>
    public async Task<uint> ConsumerCountAsync(string virtualHost, string queue) => (await DeclaredAsync(virtualHost, queue))?.ConsumerCount ?? 0;

    private async Task<QueueDeclareOk?> DeclaredAsync(string virtualHost, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = AmqpUriOf(virtualHost) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return await channel.QueueDeclarePassiveAsync(queue);
        }
        catch (OperationInterruptedException missing) when (missing.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    /// <summary>Puts raw bytes on a queue, as a broken or hostile producer would.</summary>
    public async Task SendRawAsync(string virtualHost, string queue, string contentType, string body)
    {
        await using var connection = await new ConnectionFactory { Uri = AmqpUriOf(virtualHost) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var properties = new BasicProperties { ContentType = contentType, Persistent = true, MessageId = Guid.NewGuid().ToString() };
        await channel.BasicPublishAsync("", queue, mandatory: true, properties, Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Stops the node and starts it again; queues and messages survive, connections do not.</summary>
    public static async Task RestartAsync()
    {
        var command = Environment.GetEnvironmentVariable(RestartVariable);
        if (string.IsNullOrWhiteSpace(command))
        {
            Assert.Skip($"{RestartVariable} is not set: this test restarts the broker and needs the command that does it (bash .ci/run sets it).");
        }

        using var restart = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = restart.StandardOutput.ReadToEndAsync();
        var errors = restart.StandardError.ReadToEndAsync();
        await restart.WaitForExitAsync();
        Assert.True(restart.ExitCode == 0, $"Restarting the broker failed ({restart.ExitCode}): {await output} {await errors}");
    }
}
