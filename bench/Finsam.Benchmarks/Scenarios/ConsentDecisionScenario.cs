using Finsam.Benchmarks.Suite;
using Finsam.Consent;
using Finsam.Consent.Deciding;
using Finsam.Consent.Blocking;
using Finsam.Consent.Store;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;
using Finsam.Gateway;
using Finsam.ServiceDefaults.Consent;
using Finsam.ServiceDefaults.Hosting;
using Finsam.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.Benchmarks.Scenarios;

/// <summary>
/// Issue 6, scenario 4. In process: what the decision endpoint does behind HTTP (the person's consents and blocks
/// from <see cref="DecisionInputs"/>, then the rules), against the rules alone on consents already in memory. Over loopback HTTP:
/// the gateway's own decision client (grant, JSON, resilience pipeline, the endpoint), against a loopback
/// round trip to <c>/health/live</c> that does no work.
/// </summary>
public static class ConsentDecisionScenario
{
    public static async Task RunAsync(EmbeddedHost host, SuiteOptions options, Report report)
    {
        var personRef = await host.Finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await host.Finsam.RecordReferralConsentAsync(personRef);
        var request = new ConsentDecisionRequest(personRef, Parties.Municipality, FinsamClient.OvanakerIps, [DataCategories.Referral, DataCategories.Contact], Purposes.IpsSupport);
        var database = host.Database<ConsentService>();
        var clock = TimeProvider.System;

        var inputs = host.Services.GetRequiredService<DecisionInputs>();

        // What the decision endpoint does behind HTTP: the person's consents and blocks (kept in memory after the first
        // read), then the rules.
        async Task DecideInProcessAsync()
        {
            var person = await inputs.ForPersonAsync(personRef, CancellationToken.None);
            if (!ConsentPolicy.Decide(person.Consents, person.Blocks, request, SwedishTime.Today(clock)).Permitted)
            {
                throw new InvalidOperationException("The decision should permit.");
            }
        }

        IReadOnlyList<StoredConsent> consents;
        IReadOnlyList<StoredBlock> blocks;
        await using (var session = await database.ConnectAsync(CancellationToken.None))
        {
            consents = await ConsentQueries.ForPersonAsync(session, personRef);
            blocks = await BlockQueries.ForPersonAsync(session, personRef);
        }

        Task RulesAloneAsync()
        {
            ConsentPolicy.Decide(consents, blocks, request, SwedishTime.Today(clock));
            return Task.CompletedTask;
        }

        await using var scope = host.Services.CreateAsyncScope();
        var client = scope.ServiceProvider.GetRequiredService<ConsentDecisionClient<GatewayService>>();

        async Task DecideOverHttpAsync()
        {
            if (!(await client.DecideAsync(request, DemoActors.Clinician, CancellationToken.None)).Permitted)
            {
                throw new InvalidOperationException("The decision over HTTP should permit.");
            }
        }

        async Task LoopbackAsync()
        {
            using var response = await host.Http.GetAsync("/health/live");
            response.EnsureSuccessStatusCode();
        }

        var warmUp = TimeSpan.Zero;
        foreach (var operation in new Func<Task>[] { RulesAloneAsync, DecideInProcessAsync, LoopbackAsync, DecideOverHttpAsync })
        {
            warmUp += await options.WarmUpAsync(operation);
        }

        var inProcessCount = options.Smoke ? 200 : 20_000;
        var httpCount = options.Smoke ? 50 : 5_000;
        var (rules, inProcess) = await LoadDriver.AlternateAsync(
            () => LoadDriver.RepeatAsync(RulesAloneAsync, inProcessCount, inProcessCount / 10),
            () => LoadDriver.RepeatAsync(DecideInProcessAsync, inProcessCount, inProcessCount / 10),
            options.Rounds);
        var (loopback, http) = await LoadDriver.AlternateAsync(
            () => LoadDriver.RepeatAsync(LoopbackAsync, httpCount, httpCount / 10),
            () => LoadDriver.RepeatAsync(DecideOverHttpAsync, httpCount, httpCount / 10),
            options.Rounds);

        report.Target("consent decision", "≤ 50 µs p99 in process", Report.Duration(inProcess.P99), inProcess.P99 <= TimeSpan.FromMicroseconds(50));
        var overGet = http.Median / loopback.Median;
        report.Target("consent decision", "≤ 1.5× an empty loopback GET at p50, over HTTP", $"{Report.Ratio(overGet)} ({Report.Duration(http.Median)} vs {Report.Duration(loopback.Median)})", overGet <= 1.5);
        report.Section("4. Consent decision",
            "One caller, calls back to back; the two pairs alternate in rounds. Ratios are subject ÷ baseline. " +
            $"Before measuring, each of the four ran until the JIT had compiled nothing for {Report.Duration(options.JitQuiet)} ({Report.Duration(warmUp)} in all).");
        report.Table(["variant", "calls/s", "p50", "p99", "p50 ratio", "p99 ratio", "calls"],
        [
            ["rules alone, consents in memory (baseline)", Report.Rate(rules.Throughput), Report.Duration(rules.Median), Report.Duration(rules.P99), "", "", Report.Number(rules.Count)],
            ["in process: consents kept in memory + rules", Report.Rate(inProcess.Throughput), Report.Duration(inProcess.Median), Report.Duration(inProcess.P99),
                Report.Ratio(inProcess.Median / rules.Median), Report.Ratio(inProcess.P99 / rules.P99), Report.Number(inProcess.Count)],
            ["loopback GET /health/live (baseline)", Report.Rate(loopback.Throughput), Report.Duration(loopback.Median), Report.Duration(loopback.P99), "", "", Report.Number(loopback.Count)],
            ["over loopback HTTP: decision client → endpoint", Report.Rate(http.Throughput), Report.Duration(http.Median), Report.Duration(http.P99),
                Report.Ratio(overGet), Report.Ratio(http.P99 / loopback.P99), Report.Number(http.Count)],
        ]);
    }
}
