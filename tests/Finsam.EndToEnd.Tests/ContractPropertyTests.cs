using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Finsam.EndToEnd.Tests;

/// <summary>
/// Requests generated from the public contract's own schemas, for every operation and every role: valid ones,
/// boundary ones and hostile ones (wrong types, huge strings, deep nesting, control and bidi characters, missing and
/// extra fields, other media types). Whatever arrives, the gateway never answers 5xx, every refusal is problem
/// details, and a refused request that would write leaves every service's stored state as it was. The host checks every answer against the contract as well (<see cref="Contract.ContractRecorder"/>),
/// so an undocumented status fails here too.
/// </summary>
public sealed class ContractPropertyTests(FinsamApp app) : IClassFixture<FinsamApp>
{
    /// <summary>One of each role in the demo county.</summary>
    private static readonly string[] Users =
        ["anna.lind", "karin.berg", "erik.holm", "per.andersson", "eva.karlsson", "ulla.svensson"];

    private const int RequestsPerOperation = 24;

    public static TheoryData<string, string> Operations()
    {
        // The operations are read from the document the embedded default serves, so a new route is covered at once.
        using var host = new FinsamApp();
        using var client = host.CreateClient();
        var document = JsonNode.Parse(client.GetStringAsync("/openapi/v1.json").GetAwaiter().GetResult())!;
        var data = new TheoryData<string, string>();
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, _) in operations!.AsObject())
            {
                if (path.StartsWith("/api/", StringComparison.Ordinal) && path != "/api/audit/export")
                {
                    data.Add(method.ToUpperInvariant(), path);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task No_generated_request_gets_a_server_error_every_refusal_is_problem_details_and_stores_nothing(string method, string path)
    {
        var document = JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!;
        var operation = document["paths"]![path]![method.ToLowerInvariant()]!;
        var schemas = document["components"]?["schemas"];
        var bodySchema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
        var finsam = new FinsamClient(app.CreateClient);
        var clients = new Dictionary<string, HttpClient>();
        foreach (var user in Users)
        {
            clients[user] = await finsam.AsAsync(user);
        }

        var requests = Gen.Select(Gen.OneOf(Users), PathOf(path), bodySchema is null ? Gen.Const(() => (JsonNode?)null) : Values.For(bodySchema, schemas, 0),
            Gen.Int[0, 9], (user, target, body, mediaChoice) => new GeneratedRequest(user, target, body?.ToJsonString(), mediaChoice == 0 ? "text/plain" : "application/json"));

        await requests.SampleAsync(async request =>
        {
            using var message = new HttpRequestMessage(new HttpMethod(method), request.Target);
            if (method != "GET")
            {
                message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(request.Body ?? "{}"));
                message.Content.Headers.ContentType = new MediaTypeHeaderValue(request.MediaType);
            }

            var before = method == "GET" ? null : await SettledAsync();
            using var response = await clients[request.User].SendAsync(message, TestContext.Current.CancellationToken);
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{method} {request.Target} as {request.User} → {status}: {await response.Content.ReadAsStringAsync()}");
            if (status >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                if (before is not null)
                {
                    var changed = StoredState.Changed(before, await SettledAsync());
                    Assert.True(changed.Count == 0, $"{method} {request.Target} as {request.User} was refused ({status}) but changed {string.Join(", ", changed)}");
                }
            }
        }, iter: RequestsPerOperation, threads: 1, print: r => $"{r.User} {r.Target} {r.MediaType} {Shorten(r.Body)}");

        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }

    /// <summary>
    /// What is stored once every outbox is sent and two reads agree: what a request left behind, including what
    /// the bus carried to other services because of it (the audit records of a refusal are left out, see
    /// <see cref="StoredState"/>).
    /// </summary>
    private async Task<IReadOnlyDictionary<string, string>> SettledAsync()
    {
        var last = (await StoredState.ReadAsync(app.DataDirectory)).Tables;
        await Eventually.HoldsAsync(async () =>
        {
            var (now, unsent) = await StoredState.ReadAsync(app.DataDirectory);
            var settled = unsent == 0 && StoredState.Changed(last, now).Count == 0;
            last = now;
            return settled;
        }, seconds: 20);
        return last;
    }

    [Fact]
    public async Task The_stored_state_fingerprint_sees_a_request_that_was_accepted()
    {
        // The check above can fail: a consent that is stored, and the referral that follows it, change the fingerprint.
        var finsam = new FinsamClient(app.CreateClient);
        var personRef = await finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        var before = await SettledAsync();

        await finsam.RecordReferralConsentAsync(personRef);

        Assert.Contains("consent.consents", StoredState.Changed(before, await SettledAsync()));
    }

    private sealed record GeneratedRequest(string User, string Target, string? Body, string MediaType);

    /// <summary>The path with each parameter filled: a fresh id, a pseudonym, or something that is neither.</summary>
    private static Gen<string> PathOf(string template)
    {
        var parts = template.Split('/');
        var gens = parts.Select(part => part.StartsWith('{')
            ? part.Contains("personRef", StringComparison.Ordinal)
                ? Gen.OneOf(Gen.Const("pr-" + new string('a', 64)), Gen.Const("pr-0123"), Gen.Const("okänd"))
                : Gen.OneOf(Gen.Guid.Select(g => g.ToString()), Gen.Const("inte-ett-id"), Gen.Const(Guid.Empty.ToString()))
            : Gen.Const(part)).ToArray();
        return gens.Aggregate(Gen.Const(""), (path, part) => Gen.Select(path, part, (a, b) => a.Length == 0 && b.Length == 0 ? "" : a + "/" + b))
            .Select(p => "/" + p.TrimStart('/'));
    }

    private static string Shorten(string? body) => body is null ? "" : body.Length <= 300 ? body : body[..300] + $"… ({body.Length} chars)";

    /// <summary>Values for a JSON schema: often what it asks for, sometimes anything but.</summary>
    private static class Values
    {
        private static readonly Gen<JsonNode?> Hostile = Gen.OneOf(
            Gen.Const(() => (JsonNode?)null),
            Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Const<JsonNode?>(JsonValue.Create(true)),
            Gen.Const<JsonNode?>(JsonValue.Create(new string('x', 200_000))),
            Gen.Const<JsonNode?>(JsonValue.Create("Kim\u0000\u001b[31m\r\n\u202e")),
            Gen.Const<JsonNode?>(Nested(40)),
            Gen.Const<JsonNode?>(new JsonObject { ["oväntat"] = "fält" }),
            Gen.String[0, 40].Select(s => (JsonNode?)JsonValue.Create(s)));

        public static Gen<JsonNode?> For(JsonNode schema, JsonNode? schemas, int depth)
        {
            if (schema["$ref"]?.GetValue<string>() is { } reference)
            {
                return For(schemas![reference.Split('/')[^1]]!, schemas, depth);
            }

            if (depth > 4)
            {
                return Hostile;
            }

            var fitting = Fitting(schema, schemas, depth);
            return Gen.Frequency((4, fitting), (1, Hostile));
        }

        private static Gen<JsonNode?> Fitting(JsonNode schema, JsonNode? schemas, int depth)
        {
            if (schema["oneOf"] is JsonArray choices)
            {
                return Gen.OneOf([.. choices.Select(c => For(c!, schemas, depth))]);
            }

            if (schema["enum"] is JsonArray values)
            {
                return Gen.OneOf([.. values.Select(v => v?.DeepClone())]);
            }

            var types = schema["type"] switch
            {
                JsonArray many => many.Select(t => t!.GetValue<string>()).ToList(),
                JsonValue one => [one.GetValue<string>()],
                _ => [],
            };
            if (types.Contains("object") || schema["properties"] is not null)
            {
                var properties = schema["properties"]?.AsObject().ToList() ?? [];
                var present = properties.Select(p => Gen.Frequency(
                        (5, For(p.Value!, schemas, depth + 1).Select(v => (p.Key, Value: v, Present: true))),
                        (1, Gen.Const((p.Key, Value: (JsonNode?)null, Present: false)))))
                    .ToArray();
                return Gen.Select(present.Length == 0 ? Gen.Const(Array.Empty<(string, JsonNode?, bool)>()) : Combine(present), Gen.Bool, (fields, extra) =>
                {
                    var o = new JsonObject();
                    foreach (var (key, value, isPresent) in fields)
                    {
                        if (isPresent)
                        {
                            o[key] = value?.DeepClone();
                        }
                    }

                    if (extra)
                    {
                        o["isAdmin"] = true;
                    }

                    return (JsonNode?)o;
                });
            }

            if (types.Contains("array"))
            {
                return For(schema["items"] ?? new JsonObject(), schemas, depth + 1).Array[0, 4]
                    .Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]));
            }

            if (types.Contains("integer") || types.Contains("number"))
            {
                return Gen.OneOf(Gen.Int[-5, 200].Select(i => (JsonNode?)JsonValue.Create(i)), Gen.Const<JsonNode?>(JsonValue.Create(long.MaxValue)));
            }

            if (types.Contains("boolean"))
            {
                return Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b));
            }

            return Gen.OneOf(
                Gen.String[0, 30].Select(s => (JsonNode?)JsonValue.Create(s)),
                Gen.OneOf("2030-01-01", "2020-02-30", "2030-01-01T09:00:00Z", "ovanaker-ips", "municipality", "referral", "ips-support", "written")
                    .Select(s => (JsonNode?)JsonValue.Create(s)));
        }

        private static Gen<(string, JsonNode?, bool)[]> Combine(Gen<(string, JsonNode?, bool)>[] fields) =>
            fields.Aggregate(Gen.Const(Array.Empty<(string, JsonNode?, bool)>()), (all, field) => Gen.Select(all, field, (a, f) => (a.Append(f).ToArray())));

        private static JsonNode Nested(int depth)
        {
            JsonNode node = new JsonArray();
            for (var i = 0; i < depth; i++)
            {
                node = new JsonArray(node);
            }

            return node;
        }
    }
}
