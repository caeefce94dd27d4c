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
    public void An_active_statistics_consent_permits_the_statistics_purpose_whatever_the_recipient() =>
        Assert.True(ConsentPolicy.Decide([Consent("statistics", "statistics", provisions: [])], [], Ask("forsakringskassan", null, "statistics", "ips.plan"), Today).Permitted);

    [Fact]
    public void A_revoked_statistics_consent_or_a_sharing_consent_does_not_permit_statistics() =>
        Assert.Equal((false, false), (
            ConsentPolicy.Decide([Consent("statistics", "statistics", revokedAt: DateTimeOffset.UtcNow.AddMinutes(-1), provisions: [])], [], Ask(purpose: "statistics", categories: "ips.plan"), Today).Permitted,
            ConsentPolicy.Decide([Consent("ips-support", provisions: new ConsentProvision("municipality", "ovanaker-ips", ["ips.plan"]))], [], Ask(purpose: "statistics", categories: "ips.plan"), Today).Permitted));

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

    /// <summary>A coordination consent an AF officer recorded that gives AF health care's and the municipality's sensitive categories.</summary>
    private static StoredConsent SelfGranted(string role = "af-officer", params ConsentConfirmation[] confirmations) =>
        new(Guid.NewGuid(), Person, "sharing", "coordination", "written", Today.AddMonths(6), null,
            [new ConsentProvision("arbetsformedlingen", null, ["meeting", "health.diagnosis", "municipal.assistance"])],
            new RecordedBy("per.andersson", role, "arbetsformedlingen", "af-bollnas"), DateTimeOffset.UtcNow, null, null, Confirmations: confirmations);

    private static ConsentConfirmation ConfirmedBy(string source) =>
        new(source, new RecordedBy("anna.lind", "clinician", source, "halsingland-psykiatri"), DateTimeOffset.UtcNow);

    private static ConsentDecisionRequest AskAf(params string[] categories) => new(Person, "arbetsformedlingen", "af-bollnas", categories, "coordination");

    [Fact]
    public void Another_sources_sensitive_category_for_the_recorders_own_party_is_held_back_and_named_as_awaiting_confirmation()
    {
        var decision = ConsentPolicy.Decide([SelfGranted()], AskAf("health.diagnosis"), Today);

        Assert.False(decision.Permitted);
        Assert.Equal(ConsentDecision.AwaitingConfirmation, decision.Reason);
        Assert.Equal(["health.diagnosis"], decision.AwaitingConfirmationCategories);
        Assert.Empty(decision.PermittedCategories);
    }

    [Fact]
    public void What_is_not_sensitive_at_another_source_is_not_held_back() =>
        Assert.True(ConsentPolicy.Decide([SelfGranted()], AskAf("meeting"), Today).Permitted);

    [Fact]
    public void A_sources_confirmation_releases_its_own_categories_only()
    {
        var consent = SelfGranted(confirmations: ConfirmedBy("health-care"));

        Assert.True(ConsentPolicy.Decide([consent], AskAf("health.diagnosis"), Today).Permitted);
        var assistance = ConsentPolicy.Decide([consent], AskAf("municipal.assistance"), Today);
        Assert.Equal(ConsentDecision.AwaitingConfirmation, assistance.Reason);
        Assert.Equal(["municipal.assistance"], assistance.AwaitingConfirmationCategories);
    }

    [Fact]
    public void The_persons_confirmation_releases_every_held_back_category() =>
        Assert.True(ConsentPolicy.Decide([SelfGranted(confirmations: ConfirmedBy(SensitiveProvisions.ByPerson))], AskAf("health.diagnosis", "municipal.assistance"), Today).Permitted);

    [Fact]
    public void A_consent_the_person_recorded_themself_holds_nothing_back() =>
        Assert.True(ConsentPolicy.Decide([SelfGranted(role: "resident")], AskAf("health.diagnosis", "municipal.assistance"), Today).Permitted);

    [Fact]
    public void A_held_back_category_that_another_consent_permits_is_not_awaiting_anything()
    {
        var fromHealthCare = new StoredConsent(Guid.NewGuid(), Person, "sharing", "coordination", "written", Today.AddMonths(6), null,
            [new ConsentProvision("arbetsformedlingen", null, ["health.diagnosis"])],
            new RecordedBy("anna.lind", "clinician", "health-care", "halsingland-psykiatri"), DateTimeOffset.UtcNow.AddDays(-1), null, null);

        var decision = ConsentPolicy.Decide([SelfGranted(), fromHealthCare], AskAf("health.diagnosis", "municipal.assistance"), Today);

        Assert.Equal(["municipal.assistance"], decision.AwaitingConfirmationCategories);
        Assert.Equal(["health.diagnosis"], decision.PermittedCategories);
    }

    [Fact]
    public void A_block_wins_over_a_held_back_category_and_it_is_named_as_blocked_not_awaiting()
    {
        var block = new Blocking.StoredBlock(Guid.NewGuid(), Person, "arbetsformedlingen", null, ["health.diagnosis"], null,
            new RecordedBy("anna.lind", "clinician", "health-care", "halsingland-psykiatri"), DateTimeOffset.UtcNow, null, null);

        var decision = ConsentPolicy.Decide([SelfGranted()], [block], AskAf("health.diagnosis", "municipal.assistance"), Today);

        Assert.Equal(ConsentDecision.Blocked, decision.Reason);
        Assert.Equal(["health.diagnosis"], decision.BlockedCategories);
        Assert.Equal(["municipal.assistance"], decision.AwaitingConfirmationCategories);
    }
}
