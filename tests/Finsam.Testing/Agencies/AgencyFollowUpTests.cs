using Finsam.Agencies;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Messaging;
using Xunit;

namespace Finsam.Testing.Agencies;

/// <summary>
/// How an agency adapter follows a person for an IPS unit, the same for every agency: the watcher asks the
/// simulator day after day on a clock the test moves; days that pass tell the coach nothing; a transition on
/// the person's timeline is told once, on its day, when the consent allows, and recorded as a denial when it
/// does not. The derived class names the agency and a person with a transition two or more days ahead.
/// </summary>
public abstract class AgencyFollowUpTests<TService> : IAsyncLifetime
    where TService : class, IAgencyService
{
    private AgencyWatchHarness<TService> _watch = null!;

    /// <summary>The followed person.</summary>
    protected abstract string PersonRef { get; }

    /// <summary>The day the test starts on.</summary>
    protected abstract DateOnly FirstDay { get; }

    /// <summary>Days from <see cref="FirstDay"/> to the first day the agency says something new about the person (at least 2).</summary>
    protected abstract int DaysToTransition { get; }

    /// <summary>Checks the line the coach is told on the day of the transition.</summary>
    protected abstract void AssertTheNews(string description);

    public async ValueTask InitializeAsync() => _watch = await AgencyWatch.StartAsync<TService>(PersonRef, FirstDay);

    public async ValueTask DisposeAsync()
    {
        await _watch.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Watches once a day from the first day to the day before the transition.</summary>
    private async Task WatchEachDayBeforeTheTransitionAsync()
    {
        for (var day = 0; day < DaysToTransition; day++)
        {
            if (day > 0)
            {
                _watch.Clock.Advance(TimeSpan.FromDays(1));
            }

            await _watch.WatchAsync();
        }
    }

    private async Task WatchOnTheDayOfTheTransitionAsync()
    {
        await _watch.FollowAsync();
        await _watch.WatchAsync();
        _watch.Clock.Advance(TimeSpan.FromDays(DaysToTransition));
        await _watch.WatchAsync();
    }

    [Fact]
    public async Task Days_that_pass_without_a_transition_tell_the_coach_nothing()
    {
        await _watch.FollowAsync();

        await WatchEachDayBeforeTheTransitionAsync();

        Assert.Empty(await _watch.PublishedAsync());
        Assert.Equal(0, _watch.ConsentDecisions); // nothing changed, so consent was not even asked
    }

    [Fact]
    public async Task A_transition_is_told_once_on_its_day()
    {
        await WatchOnTheDayOfTheTransitionAsync();
        await _watch.WatchAsync();
        _watch.Clock.Advance(TimeSpan.FromDays(1));
        await _watch.WatchAsync();

        var published = Assert.Single(await _watch.PublishedAsync());
        Assert.Equal(OutboxMessageTypes.NameOf(typeof(AgencyStatusChanged)), published.Type);
        Assert.Equal(PersonRef, published.Body["personRef"]!.GetValue<string>());
        Assert.Equal(AgencyWatch.Unit, published.Body["receivingUnitId"]!.GetValue<string>());
        Assert.Equal(TService.Party, published.Body["sharingParty"]!.GetValue<string>());
        Assert.Equal([TService.Category], published.Body["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(ConsentServiceStub.ConsentId, published.Body["consentId"]!.GetValue<Guid>());
        AssertTheNews(published.Body["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_consent_is_asked_whether_the_following_unit_may_have_the_agencys_category_for_coordination()
    {
        await WatchOnTheDayOfTheTransitionAsync();

        var asked = Assert.Single(_watch.Consent.Requests);
        Assert.Equal(
            (PersonRef, Parties.Municipality, AgencyWatch.Unit, Purposes.Coordination),
            (asked.PersonRef, asked.RecipientParty, asked.RecipientUnitId, asked.Purpose));
        Assert.Equal([TService.Category], asked.Categories);
    }

    [Fact]
    public async Task A_transition_the_consent_does_not_cover_is_recorded_as_a_denial_and_not_told()
    {
        _watch.Consent.DenyAll(ConsentDecision.NoConsent);

        await WatchOnTheDayOfTheTransitionAsync();
        await _watch.WatchAsync();

        var published = Assert.Single(await _watch.PublishedAsync());
        Assert.Equal(OutboxMessageTypes.NameOf(typeof(AccessRecorded)), published.Type);
        Assert.Equal(AuditActions.Deny, published.Body["action"]!.GetValue<string>());
        Assert.Equal(TService.Party, published.Body["sourceParty"]!.GetValue<string>());
        Assert.Equal(AgencyWatch.Unit, published.Body["recipientUnitId"]!.GetValue<string>());
        Assert.Equal(ConsentDecision.NoConsent, published.Body["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_consent_decision_nothing_is_told_and_the_transition_is_still_new_at_the_next_look()
    {
        _watch.Consent.GoDown();
        await WatchOnTheDayOfTheTransitionAsync();
        Assert.Empty(await _watch.PublishedAsync());

        _watch.Consent.PermitAll();
        await _watch.WatchAsync();

        var published = Assert.Single(await _watch.PublishedAsync());
        Assert.Equal(OutboxMessageTypes.NameOf(typeof(AgencyStatusChanged)), published.Type);
    }

    [Fact]
    public async Task A_follow_up_addressed_to_another_party_is_not_followed()
    {
        await _watch.TellFollowUpAsync(Parties.HealthCare);

        Assert.Equal(0, await _watch.FollowedCountAsync());
    }

    [Fact]
    public async Task Following_the_same_person_again_starts_over_from_what_the_agency_says_then()
    {
        await _watch.FollowAsync();
        _watch.Clock.Advance(TimeSpan.FromDays(DaysToTransition));
        await _watch.FollowAsync(); // IPS work restarts on the day of the transition

        await _watch.WatchAsync();

        Assert.Equal(1, await _watch.FollowedCountAsync());
        Assert.Empty(await _watch.PublishedAsync()); // what the unit was told at the restart is not news
    }
}
