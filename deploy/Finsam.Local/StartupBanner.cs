using Microsoft.AspNetCore.Hosting.Server;

namespace Finsam.Local;

/// <summary>Says where to point a browser or client once the embedded default is ready.</summary>
public sealed class StartupBanner(IServer server, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var url = SelfServiceEndpoints.OwnAddress(server).ToString().TrimEnd('/');
            Console.WriteLine($$"""

                Finsam is running (embedded default: in-memory bus, SQLite, demo county).
                  Web interface   {{url}}/        (point a browser here and pick a demo user)
                  Gateway API     {{url}}/api
                  OpenAPI         {{url}}/openapi/v1.json   (browse and try it: {{url}}/api/reference)
                  Health          {{url}}/health/ready
                  Demo users      curl {{url}}/dev/users
                  A token         curl -X POST {{url}}/dev/token -H 'Content-Type: application/json' -d '{"userId":"anna.lind"}'
                Then call the API with: Authorization: Bearer <accessToken>   (README.md walks through a referral)

                """);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
