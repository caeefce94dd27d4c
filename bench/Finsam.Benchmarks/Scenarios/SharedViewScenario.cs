using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Finsam.Benchmarks.Suite;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Sections;
using Finsam.Gateway;
using Finsam.ServiceDefaults.Consent;
using Finsam.ServiceDefaults.Grants;
using Finsam.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.Benchmarks.Scenarios;

/// <summary>
/// Issue 6, scenario 1. The subject is a coach opening a meeting's shared view through the gateway: token
/// check, the meeting's participation call, a consent decision, grants, four sources in parallel, and the
/// durable view and denial records committed before the answer. The baseline is the same four source calls
/// (same grants' content, same categories) made directly in parallel, with grants signed beforehand: what
/// the data alone costs to fetch over loopback.
/// </summary>
public static class SharedViewScenario
{
    private const string Coach = FinsamClient.OvanakerCoach;
    private static readonly int[] ClientCounts = [1, 8, 64];

    /// <summary>What the person lets the coach's unit have; the sources then answer for four parties.</summary>
    private static readonly string[] CoachCategories = ["meeting", "ips.plan", "af.registration", "fk.benefits", "health.contact", "health.workcapacity"];

    public static async Task RunAsync(EmbeddedHost host, SuiteOptions options, Report report)
    {
        var finsam = host.Finsam;
        var personRef = await finsam.LookUpAsync(FinsamClient.NewPersonnummer(), Coach);
        // Confirmed by the sources, so that the sections the coach's own party receives are in force (docs/adr/0024).
        await finsam.RecordConfirmedConsentAsync(Coach, FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("municipality", "ovanaker-ips", CoachCategories),
            FinsamClient.Provision("arbetsformedlingen", null, "meeting"),
            FinsamClient.Provision("forsakringskassan", null, "meeting"),
            FinsamClient.Provision("health-care", null, "meeting")));
        var meetingId = (await finsam.PostJsonAsync(Coach, "/api/meetings", new
        {
            personRef,
            scheduledAt = DateTimeOffset.UtcNow.AddDays(7),
            mode = "digital",
            participants = new object[]
            {
                new { party = "municipality", unitId = "ovanaker-ips" },
                new { party = "health-care", unitId = "halsingland-psykiatri" },
                new { party = "arbetsformedlingen", unitId = "af-bollnas" },
                new { party = "forsakringskassan", unitId = "fk-gavle" },
            },
            agenda = "Plan för arbete och försörjning",
        }, HttpStatusCode.Created))["meetingId"]!.GetValue<Guid>();

        using var coachClient = await finsam.AsAsync(Coach);
        var bearer = coachClient.DefaultRequestHeaders.Authorization!;
        var direct = new DirectSources(host, personRef);

        async Task ThroughGatewayAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/meetings/{meetingId}/shared-view");
            request.Headers.Authorization = bearer;
            using var response = await host.Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            // A section the source did not deliver in time is "unavailable": then the view was not the full work.
            if (response.StatusCode != HttpStatusCode.OK || body.Contains("\"unavailable\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Shared view answered {(int)response.StatusCode} or incomplete.");
            }
        }

        // Each gateway view stores eight audit records; they travel through the outbox and bus to the audit
        // log after the answer. Waiting for that to settle keeps one round's backlog out of the next round.
        var gateway = host.Database<GatewayService>();
        var audit = host.Database<Audit.AuditService>();

        var settleWithin = options.Smoke ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(120);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var clients in ClientCounts)
        {
            var catchUp = TimeSpan.Zero;
            await options.WarmUpAsync(direct.FetchAllAsync, clients);
            await options.WarmUpAsync(ThroughGatewayAsync, clients);
            await Settle.UntilQuietAsync(gateway, audit, settleWithin);
            var (baseline, subject) = await LoadDriver.AlternateAsync(
                () => LoadDriver.RunAsync(direct.FetchAllAsync, clients, options.Duration, options.WarmUp),
                async () =>
                {
                    var result = await LoadDriver.RunAsync(ThroughGatewayAsync, clients, options.Duration, options.WarmUp);
                    catchUp += await Settle.UntilQuietAsync(gateway, audit, settleWithin);
                    return result;
                },
                options.Rounds);
            rows.Add([$"{clients}", "direct fan-out (baseline)", Report.Rate(baseline.Throughput), Report.Duration(baseline.Median), Report.Duration(baseline.P99), "", "", Report.Number(baseline.Count), $"{baseline.Failures}", ""]);
            var p50Ratio = subject.Median / baseline.Median;
            var p99Ratio = subject.P99 / baseline.P99;
            rows.Add([$"{clients}", "through the gateway", Report.Rate(subject.Throughput), Report.Duration(subject.Median), Report.Duration(subject.P99), Report.Ratio(p50Ratio), Report.Ratio(p99Ratio), Report.Number(subject.Count), $"{subject.Failures}", Report.Duration(catchUp / options.Rounds)]);
            // Issue 15's targets: at one client the durable commit of the view's records is the floor, so 2×; under load 1.3×.
            if (clients == 1)
            {
                report.Target("shared view", "gateway ≤ 2× direct at p50, 1 client", Report.Ratio(p50Ratio), p50Ratio <= 2);
            }

            if (clients == 64)
            {
                report.Target("shared view", "gateway ≤ 1.3× direct at p50, 64 clients", Report.Ratio(p50Ratio), p50Ratio <= 1.3);
                report.Target("shared view", "gateway ≤ 1.3× direct at p99, 64 clients", Report.Ratio(p99Ratio), p99Ratio <= 1.3);
                var throughputRatio = subject.Throughput / baseline.Throughput;
                report.Target("shared view", "gateway ≥ 0.8× the direct fan-out's views/s, 64 clients",
                    $"{Report.Ratio(throughputRatio)} ({Report.Rate(subject.Throughput)} vs {Report.Rate(baseline.Throughput)} views/s)", throughputRatio >= 0.8);
                var meanCatchUp = catchUp / options.Rounds;
                report.Target("shared view", "audit catch-up ≤ 1 s after a 64-client round", Report.Duration(meanCatchUp), meanCatchUp <= TimeSpan.FromSeconds(1));
            }
        }

        var breakdown = await BreakdownAsync(host, direct, personRef, meetingId, ThroughGatewayAsync, options);
        report.Section("1. Shared view: gateway vs direct fan-out",
            "Embedded default in this process on Kestrel (loopback HTTP between gateway and services, SQLite, in-memory bus). " +
            "Per client count, direct and gateway alternate in rounds; each view is checked complete (no `unavailable` section). " +
            "Before each client count, both ran until the JIT had compiled nothing for a second; then each round warms up for its first seconds as well. " +
            "Ratios are gateway ÷ direct. Failures are operations that errored or came back incomplete; they are not in the latencies. " +
            "Audit catch-up: how long after a gateway round (mean per round) the last of its view records was appended to the audit chain (looked at every 20 ms).");
        report.Table(["clients", "variant", "views/s", "p50", "p99", "p50 ratio", "p99 ratio", "views", "failures", "audit catch-up"], rows);
        report.Note("Where a gateway view's time goes, one client, each step timed alone (stopwatch breakdown; the steps run in sequence in the gateway, " +
            "except the four sources, which run in parallel). Then the same view's timeline from its own traces (rows marked timeline): the gateway's " +
            "request, each call it makes (client span) with the called service's own time (server span), and the gateway's own work between them.");
        report.Table(["step", "p50", "p99", "calls"], breakdown);
    }

    /// <summary>The gateway's steps one at a time, on one caller, so that the overhead can be attributed.</summary>
    private static async Task<List<IReadOnlyList<string>>> BreakdownAsync(
        EmbeddedHost host, DirectSources direct, string personRef, Guid meetingId, Func<Task> wholeView, SuiteOptions options)
    {
        var count = options.Smoke ? 10 : 300;
        var grants = host.Services.GetRequiredService<GrantIssuer>();
        var coach = DemoActors.OvanakerCoach;
        await using var scope = host.Services.CreateAsyncScope();
        var consent = scope.ServiceProvider.GetRequiredService<ConsentDecisionClient<GatewayService>>();
        var gateway = host.Database<GatewayService>();
        var everyCategory = SectionCatalogue.ByParty.Values.SelectMany(c => c).ToList();

        Task SignGrantsAsync()
        {
            // Six per view: participation, the decision, four sources.
            for (var i = 0; i < 6; i++)
            {
                grants.Issue("gateway", "healthcare", coach, Purposes.Coordination, personRef, ["health.contact", "health.workcapacity"]);
            }

            return Task.CompletedTask;
        }

        async Task ParticipationAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"coordination/meetings/{meetingId}/participation");
            request.Headers.Add(GrantDefaults.HeaderName, grants.Issue("gateway", "coordination", coach, Purposes.Coordination, categories: [DataCategories.Meeting]));
            using var response = await host.Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsStringAsync();
        }

        async Task DecisionAsync() =>
            await consent.DecideAsync(new ConsentDecisionRequest(personRef, coach.Party, coach.UnitId, everyCategory, Purposes.Coordination), coach, CancellationToken.None);

        async Task RecordEightAsync()
        {
            // What the gateway commits per view for this coach: five views and three denials, in one transaction.
            await using var session = await gateway.BeginAsync(CancellationToken.None);
            for (var i = 0; i < 8; i++)
            {
                await session.EnqueueAsync(new AccessRecorded
                {
                    Action = i < 5 ? AuditActions.View : AuditActions.Deny,
                    Actor = coach,
                    PersonRef = personRef,
                    SourceParty = "municipality",
                    RecipientParty = coach.Party,
                    RecipientUnitId = coach.UnitId,
                    Categories = ["ips.plan"],
                    Purpose = Purposes.Coordination,
                    OccurredAt = DateTimeOffset.UtcNow,
                });
            }

            await session.CommitAsync();
        }

        var rows = new List<IReadOnlyList<string>>();
        foreach (var (name, step) in new (string, Func<Task>)[]
        {
            ("sign six grants (in process)", SignGrantsAsync),
            ("meeting participation call (coordination, HTTP)", ParticipationAsync),
            ("consent decision (HTTP)", DecisionAsync),
            ("four sources in parallel (= the baseline)", direct.FetchAllAsync),
            ("commit eight view/denial records to the outbox (SQLite)", RecordEightAsync),
            ("the whole view through the gateway", wholeView),
        })
        {
            var measured = await LoadDriver.RepeatAsync(step, count, count / 10);
            rows.Add([name, Report.Duration(measured.Median), Report.Duration(measured.P99), Report.Number(measured.Count)]);
        }

        rows.AddRange(await TimelineAsync(wholeView, count));
        await Settle.UntilQuietAsync(gateway, host.Database<Audit.AuditService>(), TimeSpan.FromSeconds(options.Smoke ? 5 : 60));
        return rows;
    }

    /// <summary>
    /// Where the whole view's time goes inside the gateway, from its own traces: the gateway's request and each call it
    /// makes (System.Net.Http and ASP.NET Core activities), one view at a time. What lies between the calls is the
    /// gateway's own work: before the first call (authentication, routing), between them, and after the last (the
    /// commit of the view records and the answer).
    /// </summary>
    private static async Task<List<IReadOnlyList<string>>> TimelineAsync(Func<Task> wholeView, int count)
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var phases = new Dictionary<string, List<TimeSpan>>();
        void Add(string phase, TimeSpan time)
        {
            phases.TryAdd(phase, []);
            phases[phase].Add(time);
        }

        for (var i = 0; i < count; i++)
        {
            spans.Clear();
            await wholeView();
            var server = spans.Where(a => a.Kind == ActivityKind.Server && a.DisplayName.Contains("shared-view", StringComparison.Ordinal)).ToList();
            if (server.Count != 1)
            {
                continue;
            }

            var view = server[0];
            var calls = spans.Where(a => a.Kind == ActivityKind.Client && a.ParentSpanId == view.SpanId).OrderBy(a => a.StartTimeUtc).ToList();
            if (calls.Count < 6)
            {
                continue;
            }

            var end = view.StartTimeUtc + view.Duration;
            Add("gateway request (server span)", view.Duration);
            Add("before the first call (authentication, routing, grant)", calls[0].StartTimeUtc - view.StartTimeUtc);
            Add("participation call (client span)", calls[0].Duration);
            Add("between participation and decision", calls[1].StartTimeUtc - (calls[0].StartTimeUtc + calls[0].Duration));
            Add("consent decision call (client span)", calls[1].Duration);
            Add("between decision and the first source", calls[2].StartTimeUtc - (calls[1].StartTimeUtc + calls[1].Duration));
            var sourcesEnd = calls.Skip(2).Max(c => c.StartTimeUtc + c.Duration);
            Add("four sources, first start to last end", sourcesEnd - calls[2].StartTimeUtc);
            Add("after the last source (records' commit, answer)", end - sourcesEnd);
            foreach (var call in calls)
            {
                var callServer = spans.FirstOrDefault(a => a.Kind == ActivityKind.Server && a.ParentSpanId == call.SpanId);
                if (callServer is not null)
                {
                    Add($"  {callServer.DisplayName} (server span)", callServer.Duration);
                }
            }
        }

        return [.. phases.Select(phase =>
        {
            var sorted = phase.Value.Order().ToList();
            return (IReadOnlyList<string>)[$"timeline: {phase.Key}", Report.Duration(sorted[sorted.Count / 2]), Report.Duration(sorted[(int)(sorted.Count * 0.99)]), Report.Number(sorted.Count)];
        })];
    }

    /// <summary>The four sources the gateway asks, asked directly with grants that name exactly what the gateway's would.</summary>
    private sealed class DirectSources(EmbeddedHost host, string personRef)
    {
        private readonly GrantIssuer _grants = host.Services.GetRequiredService<GrantIssuer>();
        private readonly Contracts.Sharing.Actor _coach = DemoActors.OvanakerCoach;
        private (DateTime IssuedAt, (string Path, string Grant)[] Calls) _issued;

        public async Task FetchAllAsync()
        {
            var calls = CurrentCalls();
            var answers = await Task.WhenAll(calls.Select(async call =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, call.Path);
                request.Headers.Add(GrantDefaults.HeaderName, call.Grant);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                using var response = await host.Http.SendAsync(request);
                await response.Content.ReadAsStringAsync();
                return response.StatusCode;
            }));
            if (answers.Any(status => status != HttpStatusCode.OK))
            {
                throw new InvalidOperationException("A source refused a direct call.");
            }
        }

        /// <summary>Grants live a minute, so they are signed again every thirty seconds, outside the measured calls' work.</summary>
        private (string Path, string Grant)[] CurrentCalls()
        {
            var issued = _issued;
            if (DateTime.UtcNow - issued.IssuedAt < TimeSpan.FromSeconds(30))
            {
                return issued.Calls;
            }

            var calls = SectionCatalogue.ByParty
                .Select(party => (Service: SectionCatalogue.ServiceOf(party.Key), Categories: party.Value.Where(CoachCategories.Contains).ToList()))
                .Where(source => source.Categories.Count > 0)
                .Select(source => ($"{source.Service}/persons/{personRef}/sections",
                    _grants.Issue("gateway", source.Service, _coach, Purposes.Coordination, personRef, source.Categories)))
                .ToArray();
            _issued = (DateTime.UtcNow, calls);
            return calls;
        }
    }
}
