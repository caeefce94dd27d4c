using System.Net.Http.Json;
using Finsam.Contracts.Api.Blocks;
using Finsam.Contracts.Consents;
using Finsam.ServiceDefaults.Data;
using Finsam.Testing;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.Consent.Tests;

/// <summary>
/// Issue 15, item 4: decisions rest on a person's consents kept in memory, and a change is effective at the next
/// decision: at once on the replica that made it, and on the others when its notice arrives.
/// </summary>
public sealed class DecisionInputsTests : IAsyncLifetime
{
    private const string Person = "pr-00112233445566778899aabbccddeeff";
    private readonly ServiceTestFactory<ConsentService> _factory = new();
    private HttpClient _staff = null!;
    private Guid _consentId;

    private static readonly ConsentDecisionRequest ToTheIpsUnit = new(Person, "municipality", "ovanaker-ips", ["referral"], "ips-support");

    public async ValueTask InitializeAsync()
    {
        _staff = _factory.ClientWithGrant("consent", DemoActors.Clinician, personRef: Person);
        var consent = new
        {
            personRef = Person, kind = "sharing", purpose = "ips-support", method = "verbal", documentRef = "Journalanteckning",
            validUntil = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            provisions = new[] { new { toParty = "municipality", toUnitId = "ovanaker-ips", categories = new[] { "referral" } } },
        };
        var created = await _staff.PostAsJsonAsync("/consent/consents", consent, TestContext.Current.CancellationToken);
        created.EnsureSuccessStatusCode();
        _consentId = (await created.Content.ReadFromJsonAsync<ConsentIdOnly>(TestContext.Current.CancellationToken))!.ConsentId;
        // The recording's own notice makes every replica forget the person, this one too: once it has been heard, what the
        // next decision reads stays in memory. Deciding before it is heard would keep nothing on a slow machine.
        await Eventually.HoldsAsync(() => _factory.Harness.Consumed.Select<ConsentsChanged>().Any(m => m.Context.Message.PersonRef == Person));
        Assert.True((await DecideAsync()).Permitted); // the person's consents are now kept in memory
    }

    public async ValueTask DisposeAsync()
    {
        _staff.Dispose();
        await _factory.DisposeAsync();
    }

    private async Task<ConsentDecision> DecideAsync()
    {
        var response = await _staff.PostAsJsonAsync("/consent/decisions", ToTheIpsUnit, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ConsentDecision>(TestContext.Current.CancellationToken))!;
    }

    [Fact]
    public async Task A_revocation_denies_the_very_next_decision()
    {
        (await _staff.PostAsJsonAsync($"/consent/consents/{_consentId}/revoke", new { reason = "Personen ångrade sig" }, TestContext.Current.CancellationToken))
            .EnsureSuccessStatusCode();

        Assert.Equal(ConsentDecision.NoConsent, (await DecideAsync()).Reason);
    }

    [Fact]
    public async Task A_block_applies_to_the_very_next_decision()
    {
        (await _staff.PostAsJsonAsync($"/consent/persons/{Person}/blocks", new RecordBlockRequest("municipality", ["referral"]), TestContext.Current.CancellationToken))
            .EnsureSuccessStatusCode();

        Assert.Equal(ConsentDecision.Blocked, (await DecideAsync()).Reason);
    }

    [Fact]
    public async Task A_change_tells_the_other_replicas_in_the_same_commit()
    {
        (await _staff.PostAsJsonAsync($"/consent/consents/{_consentId}/revoke", new { reason = "Personen ångrade sig" }, TestContext.Current.CancellationToken))
            .EnsureSuccessStatusCode();

        await Eventually.HoldsAsync(() => _factory.Harness.Published.Select<ConsentsChanged>().Count(m => m.Context.Message.PersonRef == Person) == 2);
    }

    [Fact]
    public async Task A_change_by_another_replica_takes_effect_here_when_its_notice_arrives()
    {
        // Another replica revokes in the shared database; this one still holds the consent in memory.
        var database = _factory.Services.GetRequiredService<ServiceDatabase<ConsentService>>();
        await using (var session = await database.BeginAsync(TestContext.Current.CancellationToken))
        {
            await session.ExecuteAsync("UPDATE consents SET revoked_at = @At, revoke_reason = 'elsewhere' WHERE consent_id = @Id",
                new { At = DateTimeOffset.UtcNow, Id = _consentId.ToString() });
            await session.CommitAsync();
        }

        Assert.True((await DecideAsync()).Permitted);

        await _factory.Harness.Bus.Publish(new ConsentsChanged(Person), TestContext.Current.CancellationToken);

        await Eventually.HoldsAsync(async () => !(await DecideAsync()).Permitted);
    }

    private sealed record ConsentIdOnly(Guid ConsentId);
}
