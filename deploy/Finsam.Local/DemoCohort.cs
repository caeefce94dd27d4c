using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Finsam.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Hosting.Server;

namespace Finsam.Local;

/// <summary>
/// The demo county's cohort (issue 13, item 9), so the follow-up reports show something on first start. It goes
/// through the gateway like anyone else: referrers look people up, record consent and refer; coordinators assign;
/// coaches start, record intake (dated back, as when a unit moves its participants into Finsam), employer contacts
/// and closings; most participants give a statistics consent. Nothing is written into a database directly. It runs
/// once, in the background after start-up, and not at all once the Bollnäs unit has cases. Off unless
/// <c>Finsam:Demo:Cohort</c> is true (the embedded default's appsettings.json turns it on; tests leave it off).
/// </summary>
public sealed partial class DemoCohort(IServer server, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<DemoCohort> logger) : BackgroundService
{
    public const string Setting = "Finsam:Demo:Cohort";

    private static readonly string[] FirstNames = ["Amina", "Johan", "Linnea", "Mehmet", "Sofia", "Erik", "Fatima", "Lars", "Hanna", "Omar", "Maja", "Per"];
    private static readonly string[] LastNames = ["Berglund", "Ali", "Lindqvist", "Nilsson", "Yilmaz", "Holmberg", "Persson", "Hassan", "Sundin", "Öberg"];
    private static readonly string[] ReferralCategories = ["referral", "contact"];
    private static readonly string[] PlanCategories = ["ips.plan"];
    private static readonly string[] Reviewers = ["Extern granskare", "Processledaren"];
    private static readonly string[] StartIncomes = ["forsorjningsstod", "fk-benefit", "forsorjningsstod", "a-kassa", "aktivitetsstod"];
    private static readonly (string Outcome, string Extent, string Income, string Reason)[] Endings =
    [
        ("paid-work", "76-100", "wage", "work"), ("subsidised-work", "51-75", "subsidised-wage", "work"), ("praktik", "26-50", "forsorjningsstod", "other"),
        ("paid-work", "51-75", "wage", "work"), ("studies", "76-100", "studiemedel", "studies"), ("none", "none", "forsorjningsstod", "ill-health"),
        ("subsidised-work", "76-100", "subsidised-wage", "work"), ("dropped-out", "none", "forsorjningsstod", "no-contact"),
    ];

    /// <summary>Each unit's people: who refers them there, how many are enrolled, and how many have closed.</summary>
    private static readonly UnitCohort[] Units =
    [
        new("ovanaker-ips", "karin.berg", ["erik.holm", "sara.nystrom"], Enrolled: 24, Closed: 14),
        new("bollnas-ips", "maria.ek", ["johan.sjoberg", "lina.ahmed"], Enrolled: 12, Closed: 7),
        new("halsingland-samordningsteam", "mona.larsson", ["ola.berg"], Enrolled: 8, Closed: 4),
    ];

    private static readonly (string UserId, string Party, string UnitId)[] Referrers =
    [
        ("lars.olsson", "municipality", "ovanaker-ifo"), ("anna.lind", "health-care", "halsingland-psykiatri"), ("lars.olsson", "municipality", "ovanaker-ifo"),
        ("eva.karlsson", "forsakringskassan", "fk-gavle"), ("anna.lind", "health-care", "halsingland-psykiatri"), ("per.andersson", "arbetsformedlingen", "af-bollnas"),
    ];

    /// <summary>Item scores repeating over the 25 items: a good review (104) and a fair one (89).</summary>
    private static readonly int[] GoodFidelity = [5, 4, 5, 4, 4];
    private static readonly int[] FairFidelity = [4, 3, 4, 4, 3];

    private sealed record UnitCohort(string UnitId, string Coordinator, string[] Coaches, int Enrolled, int Closed);

    private readonly Dictionary<string, string> _tokens = [];
    private HttpClient? _http;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
        await started.Task.WaitAsync(stoppingToken);
        using var http = new HttpClient { BaseAddress = SelfServiceEndpoints.OwnAddress(server), Timeout = TimeSpan.FromSeconds(30) };
        _http = http;
        try
        {
            if ((await GetAsync("maria.ek", "api/ips/cases", stoppingToken)).AsArray().Count > 0)
            {
                return;
            }

            LogSeeding(logger);
            var person = 0;
            foreach (var unit in Units)
            {
                for (var i = 0; i < unit.Enrolled; i++, person++)
                {
                    await EnrolAsync(unit, i, person, stoppingToken);
                }
            }

            await ReviewFidelityAsync("karin.berg", "ovanaker-ips", GoodFidelity, stoppingToken);
            await ReviewFidelityAsync("maria.ek", "bollnas-ips", FairFidelity, stoppingToken);
            LogSeeded(logger, person);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
        {
            // The demo works without its cohort; say why it is missing rather than stop the host.
            LogFailed(logger, exception);
        }
    }

    /// <summary>One person's way through the unit: referral, assignment, start, intake, and for the first <c>Closed</c> of them an employer contact and a closing.</summary>
    private async Task EnrolAsync(UnitCohort unit, int index, int person, CancellationToken cancellationToken)
    {
        var today = SwedishTime.Today(clock);
        var referrer = Referrers[person % Referrers.Length];
        var coach = unit.Coaches[index % unit.Coaches.Length];
        var closes = index < unit.Closed;
        var personRef = (await PostAsync(referrer.UserId, "api/persons/lookup", new { personnummer = Personnummer(person) }, cancellationToken))["personRef"]!.GetValue<string>();
        await PostAsync(referrer.UserId, "api/consents", new
        {
            personRef, kind = "sharing", purpose = "ips-support", method = "written", documentRef = "Samtyckesblankett i akten",
            validUntil = Date(today.AddYears(2)),
            provisions = new object[]
            {
                new { toParty = "municipality", toUnitId = unit.UnitId, categories = ReferralCategories },
                new { toParty = referrer.Party, toUnitId = referrer.Party == "municipality" ? referrer.UnitId : null, categories = PlanCategories },
            },
        }, cancellationToken);
        var name = $"{FirstNames[person % FirstNames.Length]} {LastNames[person % LastNames.Length]}";
        await PostAsync(referrer.UserId, "api/referrals", new
        {
            personRef, toUnitId = unit.UnitId, reason = "Vill ha stöd att hitta och behålla ett arbete.", ownGoal = "Ett arbete på deltid till att börja med.",
            contact = new { name, phone = $"070-{100 + person:D3} 00 {10 + person % 90:D2}", preferredChannel = "phone" },
        }, cancellationToken);
        var caseId = await QueuedCaseAsync(unit.Coordinator, personRef, cancellationToken);
        await PostAsync(unit.Coordinator, $"api/ips/cases/{caseId}/assign", new { coachUserId = coach }, cancellationToken);
        await PostAsync(coach, $"api/ips/cases/{caseId}/status", new { status = "active" }, cancellationToken);
        if (person % 5 != 4)
        {
            await PostAsync(coach, "api/consents", new
            {
                personRef, kind = "statistics", purpose = "statistics", method = "written", documentRef = "Samtycke till statistik i IPS-akten",
                validUntil = Date(today.AddYears(3)), provisions = Array.Empty<object>(),
            }, cancellationToken);
        }

        // The closed joined 4 to 14 months ago (within the demo's interventions); the ongoing started today, so their
        // waiting time is a real one.
        var intake = closes ? today.AddMonths(-(4 + (person * 5 % 11))) : today;
        await PostAsync(coach, $"api/ips/cases/{caseId}/intake", new
        {
            date = Date(intake), sex = person % 3 == 0 ? "man" : "woman", birthYear = 1968 + person * 7 % 36,
            education = person % 4 == 0 ? "compulsory" : "upper-secondary", lastEmployed = person % 3 == 0 ? "over-5-years" : "1-5-years",
            afRegistered = person % 2 == 0, occupation = person % 6 == 5 ? "arbetstraning" : "none", extentBand = person % 6 == 5 ? "1-25" : "none",
            incomeSources = new[] { StartIncomes[person % StartIncomes.Length] }, timeInPublicSupport = person % 2 == 0 ? "over-3-years" : "1-3-years",
            wishAndGoal = "Arbete inom handel, vård eller lager.",
        }, cancellationToken);
        if (!closes)
        {
            return;
        }

        var ending = Endings[person % Endings.Length];
        await PostAsync(coach, $"api/ips/cases/{caseId}/employer-contacts", new
        {
            date = Date(intake.AddDays(6 + person * 11 % 40)), employer = "ICA Kvantum", kind = "visit",
        }, cancellationToken);
        await PostAsync(coach, $"api/ips/cases/{caseId}/status", new
        {
            status = "closed", outcome = ending.Outcome,
            endStatus = new { extentBand = ending.Extent, incomeSources = new[] { ending.Income }, endReason = ending.Reason },
        }, cancellationToken);
    }

    private Task<JsonNode> ReviewFidelityAsync(string coordinator, string unitId, int[] pattern, CancellationToken cancellationToken) =>
        PostAsync(coordinator, $"api/ips/units/{unitId}/fidelity-reviews", new
        {
            date = Date(SwedishTime.Today(clock).AddDays(-30)), reviewers = Reviewers,
            items = Enumerable.Range(1, 25).Select(item => new { item, score = pattern[item % pattern.Length] }),
        }, cancellationToken);

    private async Task<Guid> QueuedCaseAsync(string coordinator, string personRef, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var queued = (await GetAsync(coordinator, "api/ips/cases", cancellationToken)).AsArray()
                .FirstOrDefault(c => c!["personRef"]!.GetValue<string>() == personRef && c["status"]!.GetValue<string>() == "queued");
            if (queued is not null)
            {
                return queued["caseId"]!.GetValue<Guid>();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), clock, cancellationToken);
        }

        throw new InvalidOperationException("A demo referral did not reach its unit's queue.");
    }

    private async Task<JsonNode> GetAsync(string userId, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(userId, request, cancellationToken);
    }

    private async Task<JsonNode> PostAsync(string userId, string path, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        return await SendAsync(userId, request, cancellationToken);
    }

    private async Task<JsonNode> SendAsync(string userId, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(userId, cancellationToken));
        using var response = await _http!.SendAsync(request, cancellationToken);
        var content = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(content.Length == 0 ? "{}" : content)!
            : throw new InvalidOperationException($"The demo cohort's {request.Method} {request.RequestUri} got {(int)response.StatusCode}: {content}");
    }

    private async Task<string> TokenAsync(string userId, CancellationToken cancellationToken)
    {
        if (!_tokens.TryGetValue(userId, out var token))
        {
            using var response = await _http!.PostAsJsonAsync("dev/token", new { userId }, cancellationToken);
            response.EnsureSuccessStatusCode();
            token = _tokens[userId] = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["accessToken"]!.GetValue<string>();
        }

        return token;
    }

    /// <summary>A valid personnummer of a fictitious person, one per index: born on a different day each, birth number 98x.</summary>
    public static string Personnummer(int index)
    {
        var birth = new DateOnly(1968, 2, 3).AddDays(index * 389);
        var nine = birth.ToString("yyMMdd", CultureInfo.InvariantCulture) + "98" + (index % 10).ToString(CultureInfo.InvariantCulture);
        var sum = nine.Select((digit, i) => (digit - '0') * (i % 2 == 0 ? 2 : 1)).Sum(value => value > 9 ? value - 9 : value);
        return $"{birth:yyyyMMdd}-{nine[6..]}{(10 - (sum % 10)) % 10}";
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeding the demo county's cohort through the gateway")]
    private static partial void LogSeeding(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "The demo county's cohort is in place: {Count} people enrolled through the real flows")]
    private static partial void LogSeeded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The demo county's cohort could not be seeded; the demo runs without it")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
