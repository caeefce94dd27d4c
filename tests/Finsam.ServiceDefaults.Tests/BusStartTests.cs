using Finsam.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.ServiceDefaults.Tests;

/// <summary>Issue 15, item 10: no consumer runs before the host can serve its own routes.</summary>
public sealed class BusStartTests
{
    [Fact]
    public async Task The_bus_starts_only_once_the_server_answers_on_its_own_address()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddFinsamMessaging(bus => bus.AddBusObserver(provider => new ServerProbe(provider.GetRequiredService<IServer>())));
        await using var app = builder.Build();
        app.MapGet("/ping", () => "pong");

        await app.StartAsync(TestContext.Current.CancellationToken);
        var probe = (ServerProbe)app.Services.GetServices<IBusObserver>().Single(o => o is ServerProbe);
        var answer = await probe.AnswerBeforeBusStart.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await app.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal("pong", answer);
    }

    /// <summary>Just before the bus starts its receive endpoints, asks the server's own address for a route.</summary>
    private sealed class ServerProbe(IServer server) : IBusObserver
    {
        private readonly TaskCompletionSource<string> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> AnswerBeforeBusStart => _answer.Task;

        public async Task PreStart(IBus bus)
        {
            try
            {
                var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                    ?? throw new InvalidOperationException("The server has no address yet.");
                using var http = new HttpClient { BaseAddress = new Uri(address) };
                _answer.TrySetResult(await http.GetStringAsync(new Uri("/ping", UriKind.Relative)));
            }
            catch (Exception exception)
            {
                _answer.TrySetResult("no answer: " + exception.Message);
            }
        }

        public void PostCreate(IBus bus)
        {
        }

        public void CreateFaulted(Exception exception)
        {
        }

        public Task PostStart(IBus bus, Task<BusReady> busReady) => Task.CompletedTask;

        public Task StartFaulted(IBus bus, Exception exception) => Task.CompletedTask;

        public Task PreStop(IBus bus) => Task.CompletedTask;

        public Task PostStop(IBus bus) => Task.CompletedTask;

        public Task StopFaulted(IBus bus, Exception exception) => Task.CompletedTask;
    }
}
