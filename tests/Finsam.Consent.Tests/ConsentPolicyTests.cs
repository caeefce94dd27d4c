using Finsam.Consent.Deciding;
using Finsam.Consent.Store;
using Finsam.Contracts.Api.Consents;
using Finsam.Contracts.Consents;

namespace Finsam.Consent.Tests;

/// <summary>The decision rules alone: default deny, and only what a live consent names.</summary>
public sealed class ConsentPolicyTests
{
    private const string Person = "pr-0123456789abcdef0123456789abcdef";
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static StoredConsent Consent(
        string purpose = "ips-support", string kind = "sharing", DateOnly? validUntil = null, DateTimeOffset? revokedAt = null,
        params ConsentProvision[] provisions) =>
        new(Guid.NewGuid(), Person, kind, purpose, "written", validUntil ?? Today.AddMonths(6), null,
            provisions.Length == 0 ? [new ConsentProvision("municipality", "ovanaker-ips", ["referral", "contact"])] : provisions,
            new RecordedBy("anna.lind", "clinician", "health-care", "halsingland-psykiatri"), DateTimeOffset.UtcNow, revokedAt, null);

    private static ConsentDecisionRequest Ask(string party = "municipality", string? unit = "ovanaker-ips", string purpose = "ips-support", params string[] categories) =>
        new(Person, party, unit, categories.Length == 0 ? ["referral", "contact"] : categories, purpose);

    private static Blocking.StoredBlock Block(string party, string? unit = null, DateTimeOffset? liftedAt = null, params string[] categories) =>
        new(Guid.NewGuid(), Person, party, unit, categories, null, new RecordedBy("anna.lind", "clinician", "health-care", "halsingland-psykiatri"),
            DateTimeOffset.UtcNow, liftedAt is null ? null : "anna.lind", liftedAt);

    [Fact]
    public void A_block_wins_over_a_consent_that_names_the_same_category_and_is_named_as_blocked()
    {
        var consent = Consent(provisions: new ConsentProvision("municipality", "ovanaker-ips", ["referral", "contact"]));

        var decision = ConsentPolicy.Decide([consent], [Block("municipality", categories: "contact")], Ask(), Today);

        Assert.False(decision.Permitted);
        Assert.Equal(ConsentDecision.Blocked, decision.Reason);
        Assert.Equal(["contact"], decision.BlockedCategories);
        Assert.Equal(["referral"], decision.PermittedCategories);
    }

    [Fact]
    public void A_lifted_block_or_a_block_on_another_unit_changes_nothing()
    {
        var consent = Consent();

        Assert.True(ConsentPolicy.Decide([consent], [Block("municipality", liftedAt: DateTimeOffset.UtcNow, categories: "contact")], Ask(), Today).Permitted);
        Assert.True(ConsentPolicy.Decide([consent], [Block("municipality", unit: "bollnas-ips", categories: "contact")], Ask(), Today).Permitted);
    }

    [Fact]
    public void A_research_consent_permits_no_sharing_even_with_a_provision() =>
        Assert.False(ConsentPolicy.Decide([Consent(purpose: "ips-support", kind: "research")], Ask(), Today).Permitted);

    [Fact]
    public void A_superseded_consent_permits_nothing() =>
        Assert.False(ConsentPolicy.Decide([Consent(revokedAt: DateTimeOffset.UtcNow) with { SupersededBy = Guid.NewGuid() }], Ask(), Today).Permitted);

    [Fact]
    public void Without_any_consent_the_answer_is_no() =>
        Assert.False(ConsentPolicy.Decide([], Ask(), Today).Permitted);

    [Fact]
    public void An_active_consent_naming_the_unit_and_categories_permits_under_that_consent()
    {
        var consent = Consent();

        var decision = ConsentPolicy.Decide([consent], Ask(), Today);

        Assert.True(decision.Permitted);
        Assert.Equal(consent.ConsentId, decision.ConsentId);
        Assert.Equal(["referral", "contact"], decision.PermittedCategories);
    }

    [Fact]
    public void A_consent_that_ended_yesterday_permits_nothing() =>
        Assert.False(ConsentPolicy.Decide([Consent(validUntil: Today.AddDays(-1))], Ask(), Today).Permitted);

    [Fact]
    public void A_consent_is_valid_through_its_last_day() =>
        Assert.True(ConsentPolicy.Decide([Consent(validUntil: Today)], Ask(), Today).Permitted);

    [Fact]
    public void A_revoked_consent_permits_nothing() =>
        Assert.False(ConsentPolicy.Decide([Consent(revokedAt: DateTimeOffset.UtcNow)], Ask(), Today).Permitted);

    [Fact]
    public void A_provision_for_one_unit_does_not_cover_another_unit_of_the_same_party() =>
        Assert.False(ConsentPolicy.Decide([Consent()], Ask(unit: "bollnas-ips"), Today).Permitted);

    [Fact]
    public void A_provision_without_a_unit_covers_every_unit_of_the_party() =>
        Assert.True(ConsentPolicy.Decide([Consent(provisions: new ConsentProvision("municipality", null, ["referral", "contact"]))], Ask(unit: "bollnas-ips"), Today).Permitted);

    [Fact]
    public void A_consent_for_another_purpose_does_not_count() =>
        Assert.False(ConsentPolicy.Decide([Consent(purpose: "coordination")], Ask(), Today).Permitted);

    [Fact]
    public void A_statistics_consent_never_permits_sharing() =>
        Assert.False(ConsentPolicy.Decide([Consent(kind: "statistics")], Ask(), Today).Permitted);

    [Fact]
    public void A_consent_for_another_party_does_not_count() =>
        Assert.False(ConsentPolicy.Decide([Consent()], Ask(party: "forsakringskassan", unit: null), Today).Permitted);

    [Fact]
    public void When_some_categories_are_missing_the_answer_is_no_but_names_what_is_allowed()
    {
        var consent = Consent(provisions: new ConsentProvision("municipality", "ovanaker-ips", ["referral"]));

        var decision = ConsentPolicy.Decide([consent], Ask(), Today);

        Assert.False(decision.Permitted);
        Assert.Equal(["referral"], decision.PermittedCategories);
        Assert.Equal(ConsentDecision.NoConsent, decision.Reason);
    }

    [Fact]
    public void Categories_from_several_provisions_of_one_consent_add_up()
    {
        var consent = Consent(provisions:
        [
            new ConsentProvision("municipality", null, ["referral"]),
            new ConsentProvision("municipality", "ovanaker-ips", ["contact"]),
        ]);

        Assert.True(ConsentPolicy.Decide([consent], Ask(), Today).Permitted);
    }

    [Fact]
    public void Categories_are_not_added_up_across_separate_consents()
    {
        var referralOnly = Consent(provisions: new ConsentProvision("municipality", null, ["referral"]));
        var contactOnly = Consent(provisions: new ConsentProvision("municipality", null, ["contact"]));

        Assert.False(ConsentPolicy.Decide([referralOnly, contactOnly], Ask(), Today).Permitted);
    }

    [Fact]
    public void Asking_for_nothing_is_not_a_permission() =>
        Assert.False(ConsentPolicy.Decide([Consent()], new ConsentDecisionRequest(Person, "municipality", "ovanaker-ips", [], "ips-support"), Today).Permitted);
}
