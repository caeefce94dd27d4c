using System.Net.Http.Json;
using Finsam.Audit.Recording;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Sharing;
using Finsam.Testing;
using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Finsam.Audit.Tests;

/// <summary>
/// The FHIR R4 export (issue 16, item 5): every AuditEvent and Consent validates against R4 core with Firely's validator and
/// the R4 specification package, with no error; and each IHE BALP event kind carries its profile's fixed type, subtype,
/// action, agents and entities (asserted here, as the BALP package is not on NuGet).
/// </summary>
public sealed class FhirExportTests : IAsyncLifetime
{
    private const string Person = AuditHarness.Person;
    private static readonly Lazy<Validator> R4Core = new(() =>
    {
        var resolver = new CachedResolver(ZipSource.CreateValidationSource());
        // R4 core only: the BALP profiles that meta.profile names are not packaged on NuGet, so their codes are asserted below.
        var settings = new ValidationSettings { SelectValidationProfiles = (_, _, _, _) => [] };
        return new Validator(resolver, new LocalTerminologyService(resolver), null, settings);
    });

    private static readonly Guid GrantedConsent = Guid.Parse("6f1e6a8c-1111-4b7a-9c55-0a1b2c3d4e5f");
    private static readonly Guid RevokedConsent = Guid.Parse("6f1e6a8c-2222-4b7a-9c55-0a1b2c3d4e5f");
    private readonly AuditHarness _audit = new();
    private Bundle _bundle = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var log = _audit.Service<AuditLog>();
        AuditRecord[] records =
        [
            Record(AuditActions.ConsentGranted, DemoActors.Clinician, consent: GrantedConsent, reason: "municipality/ovanaker-ips: referral contact"),
            Record(AuditActions.ConsentGranted, DemoActors.Clinician, consent: RevokedConsent, reason: "arbetsformedlingen: referral"),
            Record(AuditActions.Share, DemoActors.Clinician, consent: GrantedConsent, source: ("health-care", "halsingland-psykiatri"), recipient: ("municipality", "ovanaker-ips")),
            Record(AuditActions.View, DemoActors.OvanakerCoach, consent: GrantedConsent, source: ("health-care", null)),
            Record(AuditActions.Deny, DemoActors.BollnasCoordinator, outcome: AuditOutcomes.Denied, reason: "no-consent", source: ("health-care", null)),
            Record(AuditActions.AuditSearch, DemoActors.JointAuditor, person: null, reason: "audit/records?personRef=x"),
            Record(AuditActions.MeetingInvitation, DemoActors.OvanakerCoordinator, consent: GrantedConsent, source: ("municipality", "ovanaker-ips"), recipient: ("health-care", "halsingland-psykiatri")),
            Record(AuditActions.ConsentRevoked, DemoActors.Clinician, consent: RevokedConsent),
            Record(AuditActions.BlockRecorded, DemoActors.Clinician),
        ];
        foreach (var record in records)
        {
            await log.AppendAsync(record, Guid.NewGuid(), Ct);
        }

        using var auditor = _audit.AuditorClient();
        var json = await auditor.GetStringAsync("/audit/export?format=fhir", Ct);
        _bundle = new FhirJsonDeserializer().Deserialize<Bundle>(json);
    }

    public ValueTask DisposeAsync() => _audit.DisposeAsync();

    [Fact]
    public void Every_audit_event_and_consent_in_the_export_validates_against_r4_core_without_an_error()
    {
        Assert.Equal(9 + 2, _bundle.Entry.Count(e => e.Resource is AuditEvent)); // the share and the view under a consent add an AuthZconsent each
        Assert.Equal(2, _bundle.Entry.Count(e => e.Resource is Consent));

        var outcome = R4Core.Value.Validate(_bundle);

        var errors = outcome.Issue.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal).ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors.Select(e => $"{e.Location?.FirstOrDefault()}: {e.Details?.Text ?? e.Diagnostics}")));
    }

    [Fact]
    public void The_validator_finds_an_error_in_an_audit_event_that_breaks_r4_core()
    {
        var broken = (AuditEvent)Event(AuditActions.View).DeepCopy();
        broken.Type = null!; // AuditEvent.type is 1..1
        broken.Agent[0].Requestor = null; // and so is agent.requestor

        var outcome = R4Core.Value.Validate(broken);

        Assert.Equal(2, outcome.Issue.Count(i => i.Severity == OperationOutcome.IssueSeverity.Error));
    }

    [Fact]
    public void A_view_is_a_balp_patient_read()
    {
        var read = Event(AuditActions.View);

        Assert.Equal(FhirProfile("PatientRead"), read.Meta!.Profile.Single());
        AssertCoding(read.Type!, "http://terminology.hl7.org/CodeSystem/audit-event-type", "rest");
        AssertCoding(read.Subtype.Single(), "http://hl7.org/fhir/restful-interaction", "read");
        Assert.Equal(AuditEvent.AuditEventAction.R, read.Action);
        Assert.Equal(AuditEvent.AuditEventOutcome.N0, read.Outcome);
        AssertAgent(read, "http://dicom.nema.org/resources/ontology/DCM", "110152", requestor: false); // client: the viewer's unit
        AssertAgent(read, "http://dicom.nema.org/resources/ontology/DCM", "110153", requestor: false); // server: the source
        var user = AssertAgent(read, "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", requestor: true);
        Assert.Equal("erik.holm", user.Who!.Identifier!.Value);
        AssertPatient(read);
        Assert.Contains(read.Entity, e => e.Type?.Code == "2" && e.Role?.Code == "4" && e.What is not null);
    }

    [Fact]
    public void An_auditors_search_is_a_balp_query()
    {
        var query = Event(AuditActions.AuditSearch);

        Assert.Equal(FhirProfile("Query"), query.Meta!.Profile.Single());
        AssertCoding(query.Subtype.Single(), "http://hl7.org/fhir/restful-interaction", "search-type");
        Assert.Equal(AuditEvent.AuditEventAction.E, query.Action);
        AssertAgent(query, "http://dicom.nema.org/resources/ontology/DCM", "110153", requestor: false); // client, as DICOM has it for queries
        AssertAgent(query, "http://dicom.nema.org/resources/ontology/DCM", "110152", requestor: false);
        var entity = Assert.Single(query.Entity, e => e.Role?.Code == "24");
        Assert.Null(entity.What);
        Assert.Equal("audit/records?personRef=x", System.Text.Encoding.UTF8.GetString(entity.Query!));
    }

    [Theory]
    [InlineData(AuditActions.Share)]
    [InlineData(AuditActions.MeetingInvitation)]
    public void A_share_or_an_invitation_is_a_balp_privacy_disclosure_at_the_source(string action)
    {
        var disclosure = Event(action);

        Assert.Equal(FhirProfile("PrivacyDisclosure.Source"), disclosure.Meta!.Profile.Single());
        AssertCoding(disclosure.Type!, "http://dicom.nema.org/resources/ontology/DCM", "110106");
        Assert.Contains(disclosure.Subtype, c => c.System == "http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle" && c.Code == "disclose");
        Assert.Equal(AuditEvent.AuditEventAction.R, disclosure.Action);
        var source = AssertAgent(disclosure, "http://dicom.nema.org/resources/ontology/DCM", "110153", requestor: false);
        AssertAgent(disclosure, "http://dicom.nema.org/resources/ontology/DCM", "110152", requestor: false);
        Assert.True(source.Who!.Matches(disclosure.Source!.Observer), "val-audit-source: the source agent is the observer");
        AssertPatient(disclosure);
    }

    [Fact]
    public void A_denial_is_a_balp_consent_authorization_with_a_failure_and_its_reason()
    {
        var deny = Event(AuditActions.Deny);

        AssertAuthorization(deny);
        Assert.Equal(AuditEvent.AuditEventOutcome.N8, deny.Outcome);
        Assert.Equal("no-consent", deny.OutcomeDesc);
    }

    [Fact]
    public void A_permitted_access_under_a_consent_also_gives_a_balp_consent_authorization_naming_the_consent()
    {
        var permit = _bundle.Entry.Select(e => e.Resource).OfType<AuditEvent>().Single(a => a.Id == Event(AuditActions.View).Id + "-authz");

        AssertAuthorization(permit);
        Assert.Equal(AuditEvent.AuditEventOutcome.N0, permit.Outcome);
        Assert.Equal($"Consent/{GrantedConsent}", permit.Entity.Single(e => e.Type!.Code == "Consent").What!.Reference);
    }

    [Fact]
    public void Consents_are_fhir_consents_active_until_revoked_with_a_permit_per_provision()
    {
        var consents = _bundle.Entry.Select(e => e.Resource).OfType<Consent>().ToDictionary(c => c.Id!);

        Assert.Equal(Consent.ConsentState.Active, consents[GrantedConsent.ToString()].Status);
        Assert.Equal(Consent.ConsentState.Inactive, consents[RevokedConsent.ToString()].Status);
        var permit = consents[GrantedConsent.ToString()].Provision!.Provision.Single();
        Assert.Equal(Consent.ConsentProvisionType.Permit, permit.Type);
        Assert.Equal("ovanaker-ips", permit.Actor.Single().Reference!.Identifier!.Value);
        Assert.Equal(["referral", "contact"], permit.SecurityLabel.Select(c => c.Code));
        Assert.Equal(Person, consents[GrantedConsent.ToString()].Patient!.Identifier!.Value);
    }

    [Fact]
    public void The_person_is_named_only_by_their_personref_in_every_resource()
    {
        var persons = _bundle.Entry.Select(e => e.Resource).OfType<AuditEvent>().SelectMany(a => a.Entity).Where(e => e.Type?.Code == "1")
            .Select(e => e.What!.Identifier!).Concat(_bundle.Entry.Select(e => e.Resource).OfType<Consent>().Select(c => c.Patient!.Identifier!));

        Assert.All(persons, identifier => Assert.Equal(("https://finsam.example/fhir/person-ref", Person), (identifier.System, identifier.Value)));
    }

    private static void AssertAuthorization(AuditEvent audit)
    {
        Assert.Equal(FhirProfile("AuthZconsent"), audit.Meta!.Profile.Single());
        AssertCoding(audit.Type!, "http://dicom.nema.org/resources/ontology/DCM", "110113");
        AssertCoding(audit.Subtype.Single(), "https://profiles.ihe.net/ITI/BALP/CodeSystem/AuthZsubType", "AuthZ-Consent");
        Assert.Equal(AuditEvent.AuditEventAction.E, audit.Action);
        Assert.Equal(4, audit.Agent.Count);
        AssertAgent(audit, "http://dicom.nema.org/resources/ontology/DCM", "110150", requestor: false);
        AssertAgent(audit, "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", requestor: true);
        AssertAgent(audit, "http://terminology.hl7.org/CodeSystem/v3-RoleClass", "PROV", requestor: false);
        var authorizer = AssertAgent(audit, "http://terminology.hl7.org/CodeSystem/extra-security-role-type", "authserver", requestor: false);
        Assert.True(authorizer.Who!.Matches(audit.Source!.Observer), "val-audit-source: the authorizer is the observer");
        // BALP closes this profile's entity slicing: the patient and the consent only.
        Assert.All(audit.Entity, e => Assert.Contains(e.Type!.Code, AuthorizationEntities));
        AssertPatient(audit);
    }

    private AuditEvent Event(string action) =>
        _bundle.Entry.Select(e => e.Resource).OfType<AuditEvent>()
            .Single(a => !a.Id!.EndsWith("-authz", StringComparison.Ordinal) && Action(a) == action);

    /// <summary>Which record an event came from: the export keeps the record's order, and the records were appended in a known one.</summary>
    private static string Action(AuditEvent audit) => int.Parse(audit.Id!, System.Globalization.CultureInfo.InvariantCulture) switch
    {
        1 or 2 => AuditActions.ConsentGranted,
        3 => AuditActions.Share,
        4 => AuditActions.View,
        5 => AuditActions.Deny,
        6 => AuditActions.AuditSearch,
        7 => AuditActions.MeetingInvitation,
        8 => AuditActions.ConsentRevoked,
        _ => AuditActions.BlockRecorded,
    };

    private static readonly string[] AuthorizationEntities = ["1", "Consent"];

    private static string FhirProfile(string name) => $"https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.{name}";

    private static void AssertCoding(Coding coding, string system, string code)
    {
        Assert.Equal(system, coding.System);
        Assert.Equal(code, coding.Code);
    }

    private static AuditEvent.AgentComponent AssertAgent(AuditEvent audit, string system, string code, bool requestor)
    {
        var agent = Assert.Single(audit.Agent, a => a.Type!.Coding.Any(c => c.System == system && c.Code == code));
        Assert.Equal(requestor, agent.Requestor);
        Assert.NotNull(agent.Who);
        return agent;
    }

    private static void AssertPatient(AuditEvent audit)
    {
        var patient = Assert.Single(audit.Entity, e => e.Type?.Code == "1");
        Assert.Equal("http://terminology.hl7.org/CodeSystem/audit-entity-type", patient.Type!.System);
        Assert.Equal("1", patient.Role!.Code);
        Assert.Equal(Person, patient.What!.Identifier!.Value);
    }

    private static AuditRecord Record(
        string action, Actor actor, string outcome = AuditOutcomes.Permitted, Guid? consent = null, string? reason = null,
        (string Party, string? Unit)? source = null, (string Party, string? Unit)? recipient = null, string? person = Person) => new()
        {
            Action = action, Outcome = outcome, Actor = actor, PersonRef = person, Categories = ["referral", "contact"], Purpose = "ips-support",
            ConsentId = consent, Reason = reason, SourceParty = source?.Party, SourceUnitId = source?.Unit, RecipientParty = recipient?.Party,
            RecipientUnitId = recipient?.Unit, OccurredAt = DateTimeOffset.UtcNow, CorrelationId = Guid.NewGuid().ToString(),
        };
}
