using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Finsam.Testing;

/// <summary>
/// Speaks the gateway API of API.md the way a client would, as one signed-in demo user at a time, through
/// clients from <paramref name="createClient"/> whose base address is the gateway (one process or many).
/// </summary>
public sealed class FinsamClient(Func<HttpClient> createClient)
{
    public const string Clinician = "anna.lind";
    public const string OvanakerCoordinator = "karin.berg";
    public const string OvanakerCoach = "erik.holm";
    public const string BollnasCoordinator = "maria.ek";
    public const string BollnasCoach = "johan.sjoberg";
    public const string AfOfficer = "per.andersson";
    public const string FkOfficer = "eva.karlsson";
    public const string SocialWorker = "lars.olsson";
    /// <summary>The municipality's auditor (its own party's records); <see cref="JointAuditor"/> reviews all.</summary>
    public const string Auditor = "ulla.svensson";
    public const string JointAuditor = "britt.nord";
    public const string OvanakerIps = "ovanaker-ips";
    public const string BollnasIps = "bollnas-ips";
    /// <summary>A samordningsteam: receives referrals and runs cases like an IPS unit.</summary>
    public const string CoordinationTeam = "halsingland-samordningsteam";
    public const string TeamCoordinator = "mona.larsson";
    public const string TeamCoach = "ola.berg";

    /// <summary>Finsam Hälsingland's analyst, who follows up its interventions; and another association's.</summary>
    public const string Analyst = "greta.dahl";
    public const string OtherAssociationsAnalyst = "nils.gran";
    public const string Association = "finsam-halsingland";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly ConcurrentDictionary<string, string> _tokens = new();

    private const string ResidentPrefix = "resident:";

    /// <summary>
    /// The "user id" that signs in as the resident with <paramref name="personnummer"/> (the development identity stands
    /// in for e-legitimation); every call that takes a user id takes it.
    /// </summary>
    public static string Resident(string personnummer) => ResidentPrefix + personnummer;

    public async Task<HttpClient> AsAsync(string userId)
    {
        if (!_tokens.TryGetValue(userId, out var token))
        {
            using var anonymous = createClient();
            var response = await anonymous.PostAsJsonAsync("/dev/token", userId.StartsWith(ResidentPrefix, StringComparison.Ordinal)
                ? new { userId = (string?)null, personnummer = (string?)userId[ResidentPrefix.Length..] }
                : new { userId = (string?)userId, personnummer = (string?)null });
            response.EnsureSuccessStatusCode();
            token = _tokens.GetOrAdd(userId, (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>());
        }

        var client = createClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<HttpResponseMessage> SendAsync(string userId, HttpMethod method, string path, object? body = null)
    {
        using var client = await AsAsync(userId);
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        return await client.SendAsync(request);
    }

    public async Task<JsonNode> GetJsonAsync(string userId, string path)
    {
        var response = await SendAsync(userId, HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    public async Task<JsonNode> PostJsonAsync(string userId, string path, object body, HttpStatusCode expected)
    {
        var response = await SendAsync(userId, HttpMethod.Post, path, body);
        var content = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {expected} from POST {path}, got {(int)response.StatusCode}: {content}");
        return JsonNode.Parse(content)!;
    }

    /// <summary>A new valid personnummer for each test, so tests never see each other's persons (birth number 001–999: 000 is never issued).</summary>
    public static string NewPersonnummer()
    {
        var birth = new DateOnly(1960, 1, 1).AddDays(RandomNumberGenerator.GetInt32(0, 14_600));
        var nine = birth.ToString("yyMMdd", System.Globalization.CultureInfo.InvariantCulture) + RandomNumberGenerator.GetInt32(1, 1000).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            var value = (nine[i] - '0') * (i % 2 == 0 ? 2 : 1);
            sum += value > 9 ? value - 9 : value;
        }

        return $"{birth:yyyy}{nine[2..6]}-{nine[6..]}{(10 - (sum % 10)) % 10}";
    }

    public async Task<string> LookUpAsync(string personnummer, string userId = Clinician) =>
        (await PostJsonAsync(userId, "/api/persons/lookup", new { personnummer }, HttpStatusCode.OK))["personRef"]!.GetValue<string>();

    public static object SharingConsent(string personRef, string purpose, params object[] provisions) => new
    {
        personRef,
        kind = "sharing",
        purpose,
        method = "written",
        validUntil = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        provisions,
        documentRef = "Undertecknad blankett i personakten",
    };

    public static object Provision(string toParty, string? toUnitId, params string[] categories) => new { toParty, toUnitId, categories };

    /// <summary>A member of staff at each source party, who confirms what a consent holds back of that source's records.</summary>
    public static readonly IReadOnlyDictionary<string, string> StaffAt = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["health-care"] = Clinician, ["municipality"] = SocialWorker, ["arbetsformedlingen"] = AfOfficer, ["forsakringskassan"] = FkOfficer,
    };

    /// <summary>The party and unit of each demo member of staff the tests act as.</summary>
    public static readonly IReadOnlyDictionary<string, (string Party, string UnitId)> UnitOf = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        [Clinician] = ("health-care", "halsingland-psykiatri"),
        [OvanakerCoordinator] = ("municipality", OvanakerIps), [OvanakerCoach] = ("municipality", OvanakerIps),
        [BollnasCoordinator] = ("municipality", BollnasIps), [BollnasCoach] = ("municipality", BollnasIps),
        [TeamCoordinator] = ("municipality", CoordinationTeam), [TeamCoach] = ("municipality", CoordinationTeam),
        [SocialWorker] = ("municipality", "ovanaker-ifo"),
        [AfOfficer] = ("arbetsformedlingen", "af-bollnas"), [FkOfficer] = ("forsakringskassan", "fk-gavle"),
    };

    /// <summary>
    /// Gives <paramref name="userId"/>'s unit a relation with the person that it did not make itself (docs/adr/0027):
    /// for an IPS unit, a referral from health care opens a case there; for any other unit, staff of another party
    /// record a meeting consent and invite that unit to a meeting about the person.
    /// </summary>
    public async Task RelateAsync(string userId, string personRef)
    {
        var (party, unitId) = UnitOf[userId];
        if (unitId is OvanakerIps or BollnasIps)
        {
            await RecordReferralConsentAsync(personRef, unitId);
            await SubmitReferralAsync(personRef, unitId);
            await WaitForQueuedCaseAsync(personRef, unitId == OvanakerIps ? OvanakerCoordinator : BollnasCoordinator);
            return;
        }

        var inviter = party == "municipality" ? AfOfficer : OvanakerCoach;
        var (inviterParty, inviterUnit) = UnitOf[inviter];
        await PostJsonAsync(inviter, "/api/consents", SharingConsent(personRef, "coordination",
            Provision(inviterParty, inviterUnit, "meeting"), Provision(party, unitId, "meeting")), HttpStatusCode.Created);
        await PostJsonAsync(inviter, "/api/meetings", new
        {
            personRef,
            scheduledAt = DateTimeOffset.UtcNow.AddDays(14),
            mode = "digital",
            participants = new[] { new { party = inviterParty, unitId = inviterUnit }, new { party, unitId } },
        }, HttpStatusCode.Created);
    }

    /// <summary>
    /// Records a consent and has each source it holds back confirm it (docs/adr/0024), as the source's staff would
    /// with the person before them: for tests about what a consent permits once it is in force.
    /// </summary>
    public async Task<Guid> RecordConfirmedConsentAsync(string userId, object consent)
    {
        var attempt = await SendAsync(userId, HttpMethod.Post, "/api/consents", consent);
        if (attempt.StatusCode == HttpStatusCode.Forbidden)
        {
            // A consent serving the recorder's own party needs a relation (docs/adr/0027) that another unit gives it.
            await RelateAsync(userId, JsonSerializer.SerializeToNode(consent, Json)!["personRef"]!.GetValue<string>());
        }

        var recorded = attempt.StatusCode == HttpStatusCode.Forbidden ? await PostJsonAsync(userId, "/api/consents", consent, HttpStatusCode.Created)
            : attempt.StatusCode == HttpStatusCode.Created ? JsonNode.Parse(await attempt.Content.ReadAsStringAsync())!
            : throw new Xunit.Sdk.XunitException($"Expected 201 from POST /api/consents, got {(int)attempt.StatusCode}: {await attempt.Content.ReadAsStringAsync()}");
        var consentId = recorded["consentId"]!.GetValue<Guid>();
        foreach (var awaiting in recorded["awaitingConfirmation"]!.AsArray())
        {
            var response = await SendAsync(StaffAt[awaiting!["source"]!.GetValue<string>()], HttpMethod.Post, $"/api/consents/{consentId}/confirm");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        return consentId;
    }

    /// <summary>
    /// The consent of the referral story, recorded by the referrer: the IPS unit gets referral and contact; the
    /// referrer's party gets ips.plan back (named to the referrer's unit within the municipality, where the party names no one).
    /// </summary>
    public async Task<Guid> RecordReferralConsentAsync(string personRef, string unitId = OvanakerIps, string referrer = Clinician)
    {
        var (party, referringUnit) = UnitOf[referrer];
        var consent = await PostJsonAsync(referrer, "/api/consents", SharingConsent(personRef, "ips-support",
            Provision("municipality", unitId, "referral", "contact"),
            Provision(party, party == "municipality" ? referringUnit : null, "ips.plan")), HttpStatusCode.Created);
        return consent["consentId"]!.GetValue<Guid>();
    }

    /// <summary>A digital follow-up meeting a week ahead with the IPS unit, psychiatry, AF and FK; its id.</summary>
    public async Task<Guid> ScheduleFourPartyMeetingAsync(string organiser, string personRef) =>
        (await PostJsonAsync(organiser, "/api/meetings", new
        {
            personRef,
            scheduledAt = DateTimeOffset.UtcNow.AddDays(7),
            mode = "digital",
            participants = new object[]
            {
                new { party = "municipality", unitId = OvanakerIps },
                new { party = "health-care", unitId = "halsingland-psykiatri" },
                new { party = "arbetsformedlingen", unitId = "af-bollnas" },
                new { party = "forsakringskassan", unitId = "fk-gavle" },
            },
        }, HttpStatusCode.Created))["meetingId"]!.GetValue<Guid>();

    public static object Referral(string personRef, string toUnitId = OvanakerIps) => new
    {
        personRef,
        toUnitId,
        reason = "Långvarig sjukskrivning, vill tillbaka till arbete.",
        ownGoal = "Arbete inom handel, 50 % till att börja med.",
        contact = new { name = "Kim Andersson", phone = "070-123 45 67", preferredChannel = "sms" },
    };

    /// <summary>A closing as the API takes it: the outcome (occupation at end) and the status at end beside it.</summary>
    public static object Closing(string outcome = "paid-work", string extentBand = "76-100", string incomeSource = "wage", string endReason = "work") =>
        new { status = "closed", outcome, endStatus = new { extentBand, incomeSources = new[] { incomeSource }, endReason } };

    public async Task<Guid> SubmitReferralAsync(string personRef, string toUnitId = OvanakerIps, string referrer = Clinician) =>
        (await PostJsonAsync(referrer, "/api/referrals", Referral(personRef, toUnitId), HttpStatusCode.Accepted))["referralId"]!.GetValue<Guid>();

    /// <summary>
    /// Waits until the referral's case is queued at the coordinator's unit. It polls the unit's case list, which shows
    /// no other party's data; the queue shows the person's name, so every look at it is a recorded view.
    /// </summary>
    public async Task<Guid> WaitForQueuedCaseAsync(string personRef, string coordinator = OvanakerCoordinator)
    {
        var entry = await EventuallyAsync(async () => (await GetJsonAsync(coordinator, "/api/ips/cases")).AsArray()
            .FirstOrDefault(e => e!["personRef"]!.GetValue<string>() == personRef && e["status"]!.GetValue<string>() == "queued"));
        return entry["caseId"]!.GetValue<Guid>();
    }

    public async Task<string> ReferralStatusAsync(Guid referralId, string referrer = Clinician) =>
        (await GetJsonAsync(referrer, $"/api/referrals/{referralId}"))["status"]!.GetValue<string>();

    public async Task WaitForReferralStatusAsync(Guid referralId, string status, string referrer = Clinician) =>
        await EventuallyAsync(async () => await ReferralStatusAsync(referralId, referrer) == status ? status : null);

    /// <summary>
    /// The statuses in the referral's history once it holds <paramref name="count"/> entries. Reports are consumed
    /// concurrently, so the latest status may be there before an earlier one has landed.
    /// </summary>
    public async Task<List<string>> WaitForReferralHistoryAsync(Guid referralId, int count) =>
        await EventuallyAsync(async () =>
        {
            var statuses = (await GetJsonAsync(Clinician, $"/api/referrals/{referralId}"))["history"]!.AsArray()
                .Select(h => h!["status"]!.GetValue<string>()).ToList();
            return statuses.Count >= count ? statuses : null;
        });

    /// <summary>The person's audit records (all parties') other than the auditor's own searches, once <paramref name="done"/> holds.</summary>
    public async Task<List<JsonNode>> AuditRecordsAsync(string personRef, Func<List<JsonNode>, bool> done)
    {
        return await EventuallyAsync(async () =>
        {
            var records = (await GetJsonAsync(JointAuditor, $"/api/audit/records?personRef={personRef}&limit=500"))["items"]!.AsArray()
                .Select(r => r!).Where(r => r["action"]!.GetValue<string>() != "audit-search").ToList();
            return done(records) ? records : null;
        });
    }

    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The system did not reach the expected state in time.");
            }

            await Task.Delay(50);
        }
    }

    public static string Describe(JsonNode record) =>
        $"{record["action"]} {record["outcome"]} {record["actor"]!["userId"]} {record["sourceParty"]}->{record["recipientParty"]} " +
        string.Join(',', record["categories"]!.AsArray().Select(c => c!.GetValue<string>()));

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
