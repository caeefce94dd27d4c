using Finsam.Agencies.Simulation;

namespace Finsam.Agencies.Tests;

/// <summary>The calendar simulated people live on: anchored to fixed dates, one run of equal episodes per person and agency.</summary>
public sealed class SimulatedTimelineTests
{
    private const int CycleDays = 730;

    private static IEnumerable<string> People(int count) => Enumerable.Range(1, count).Select(i => $"pr-{i:x32}");

    [Fact]
    public void A_persons_anchor_lies_in_the_first_cycle_after_the_epoch()
    {
        Assert.All(People(300), personRef =>
            Assert.InRange(SimulatedTimeline.Anchor("fk", personRef, CycleDays), SimulatedTimeline.Epoch, SimulatedTimeline.Epoch.AddDays(CycleDays - 1)));
    }

    [Fact]
    public void Anchors_spread_over_the_cycle_rather_than_falling_on_one_day()
    {
        var anchors = People(300).Select(p => SimulatedTimeline.Anchor("fk", p, CycleDays)).Distinct().Count();

        Assert.True(anchors > 200, $"Only {anchors} distinct anchors for 300 people.");
    }

    [Fact]
    public void The_episode_on_a_date_holds_that_date_and_is_one_cycle_long()
    {
        var date = new DateOnly(2026, 11, 24);
        Assert.All(People(100), personRef =>
        {
            var episode = SimulatedTimeline.EpisodeOn("af", personRef, date, CycleDays);

            Assert.InRange(date, episode.Start, episode.End);
            Assert.Equal(CycleDays - 1, episode.End.DayNumber - episode.Start.DayNumber);
            Assert.Equal(date.DayNumber - episode.Start.DayNumber, episode.DayOf(date));
        });
    }

    [Fact]
    public void The_next_episode_starts_the_day_after_one_ends()
    {
        var personRef = People(1).Single();
        var episode = SimulatedTimeline.EpisodeOn("af", personRef, new DateOnly(2026, 1, 1), CycleDays);

        var next = SimulatedTimeline.EpisodeOn("af", personRef, episode.End.AddDays(1), CycleDays);

        Assert.Equal(episode.Number + 1, next.Number);
        Assert.Equal(episode.End.AddDays(1), next.Start);
    }

    [Fact]
    public void Episodes_before_the_anchor_have_negative_numbers()
    {
        var personRef = People(1).Single();
        var anchor = SimulatedTimeline.Anchor("af", personRef, CycleDays);

        Assert.Equal(0, SimulatedTimeline.EpisodeOn("af", personRef, anchor, CycleDays).Number);
        Assert.Equal(-1, SimulatedTimeline.EpisodeOn("af", personRef, anchor.AddDays(-1), CycleDays).Number);
    }

    [Fact]
    public void Each_episode_has_its_own_seed_so_a_person_does_not_live_the_same_spell_again()
    {
        var personRef = People(1).Single();
        var anchor = SimulatedTimeline.Anchor("fk", personRef, CycleDays);
        var first = SimulatedTimeline.EpisodeOn("fk", personRef, anchor, CycleDays);
        var second = SimulatedTimeline.EpisodeOn("fk", personRef, anchor.AddDays(CycleDays), CycleDays);

        Assert.NotEqual(Enumerable.Range(0, 8).Select(first.Byte), Enumerable.Range(0, 8).Select(second.Byte));
    }

    [Fact]
    public void The_same_person_has_another_timeline_at_another_agency()
    {
        var personRef = People(1).Single();

        Assert.NotEqual(SimulatedTimeline.Seed("af", personRef), SimulatedTimeline.Seed("fk", personRef));
    }
}
