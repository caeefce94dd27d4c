using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Finsam.Testing.Contract;

/// <summary>
/// Checks every answer the host under test gives on the public routes (<c>/api</c>, <c>/dev</c>) against the
/// contract it serves, whoever asked (a test's client or the web interface calling the gateway). An answer that
/// breaks the contract is replaced by a 500 problem naming what broke, so the test that caused it fails, there and
/// then, with the reason.
/// </summary>
public sealed class ContractRecorder : IStartupFilter
{
    public const string BrokenContractType = "/problems/test-contract-broken";

    private ContractCheck? _check;

    /// <summary>Every answer checked so far.</summary>
    public ConcurrentQueue<RecordedAnswer> Answers { get; } = new();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, following) =>
        {
            if (!IsPublic(context.Request.Path))
            {
                await following(context);
                return;
            }

            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await following(context);
            }
            finally
            {
                context.Response.Body = original;
            }

            var body = Encoding.UTF8.GetString(buffer.ToArray());
            var problems = context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } template }
                ? await CheckAsync(context, new RecordedAnswer(context.Request.Method, template, context.Response.StatusCode,
                    context.Response.ContentType?.Split(';')[0].Trim(), body))
                : [];
            if (problems.Count == 0)
            {
                buffer.Position = 0;
                await buffer.CopyToAsync(original);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            context.Response.ContentType = "application/problem+json";
            context.Response.ContentLength = null;
            await context.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                type = BrokenContractType,
                title = "The answer broke the public contract (/openapi/v1.json)",
                status = 500,
                detail = string.Join("; ", problems),
            }));
        });
        next(app);
    };

    private async Task<IReadOnlyList<string>> CheckAsync(HttpContext context, RecordedAnswer answer)
    {
        Answers.Enqueue(answer);
        if (_check is null)
        {
            // The contract as this very host serves it, read once over its own address.
            using var self = new HttpClient { BaseAddress = new Uri($"{context.Request.Scheme}://{context.Request.Host}") };
            var document = JsonNode.Parse(await self.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), context.RequestAborted))!.AsObject();
            _check = new ContractCheck(document);
        }

        return _check.Check(answer);
    }

    // The reference page is the contract's viewer, not part of it.
    private static bool IsPublic(PathString path) =>
        (path.StartsWithSegments("/api") && !path.StartsWithSegments("/api/reference")) || path.StartsWithSegments("/dev");
}
