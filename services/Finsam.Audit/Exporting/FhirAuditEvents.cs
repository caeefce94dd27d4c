using Finsam.Audit.Recording;
using Finsam.Contracts.Audit;
using Hl7.Fhir.Model;

namespace Finsam.Audit.Exporting;

/// <summary>
/// Audit records as FHIR R4 AuditEvent resources following IHE Basic Audit Log Patterns (BALP 1.1.4; docs/audit-fhir-mapping.md,
/// docs/adr/0038): a view is a PatientRead, an auditor's search a (Patient)Query, a share or a meeting invitation a
/// PrivacyDisclosure.Source, a denial an AuthZconsent with a failure outcome, and a permitted share or view under a consent
/// also an AuthZconsent permit. Records no BALP pattern covers (consents given or withdrawn, blocks, emergency access) are
/// plain AuditEvents. Identifiers name parties, units, staff and persons by Finsam's own ids: never a personnummer.
/// </summary>
public static class FhirAuditEvents
{
    public const string Balp = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/";
    public const string Dicom = "http://dicom.nema.org/resources/ontology/DCM";
    public const string AuditEventType = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    public const string RestfulInteraction = "http://hl7.org/fhir/restful-interaction";
    public const string EntityType = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    public const string ObjectRole = "http://terminology.hl7.org/CodeSystem/object-role";
    public const string ParticipationType = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    public const string Lifecycle = "http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle";
    public const string AuthZSubType = "https://profiles.ihe.net/ITI/BALP/CodeSystem/AuthZsubType";
    public const string BalpEntityType = "https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType";

    /// <summary>Finsam's own naming systems, under one base.</summary>
    public const string Systems = "https://finsam.example/fhir/";
    public const string PersonRefSystem = Systems + "person-ref";
    public const string UnitSystem = Systems + "unit";
    public const string PartySystem = Systems + "party";
    public const string UserSystem = Systems + "user";
    public const string ServiceSystem = Systems + "service";
    public const string CategorySystem = Systems + "category";
    public const string PurposeSystem = Systems + "purpose";
    public const string ActionSystem = Systems + "audit-action";

    /// <summary>The AuditEvents of one record: its own, and an AuthZconsent permit when a consent allowed it.</summary>
    public static IEnumerable<AuditEvent> Of(AuditRecord record)
    {
        var denied = record.Outcome == AuditOutcomes.Denied;
        yield return record.Action switch
        {
            _ when denied => AuthZConsent(record, record.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            AuditActions.View when record.PersonRef is not null => PatientRead(record),
            AuditActions.AuditSearch => Query(record),
            AuditActions.Share or AuditActions.MeetingInvitation when record.PersonRef is not null => DisclosureSource(record),
            _ => Other(record),
        };

        if (!denied && record.ConsentId is not null && record.PersonRef is not null && record.Action is AuditActions.View or AuditActions.Share)
        {
            yield return AuthZConsent(record, $"{record.Sequence}-authz");
        }
    }

    private static AuditEvent PatientRead(AuditRecord record)
    {
        var audit = Event(record, "IHE.BasicAudit.PatientRead", new Coding(AuditEventType, "rest", "Restful Operation"), AuditEvent.AuditEventAction.R);
        audit.Subtype = [new Coding(RestfulInteraction, "read", "read")];
        audit.Agent =
        [
            Agent(Dicom, "110152", "Destination Role ID", Unit(record.Actor.Party, record.Actor.UnitId), record.Actor.Party),
            Agent(Dicom, "110153", "Source Role ID", Party(record.SourceParty), record.SourceParty),
            User(record),
        ];
        audit.Entity = [Patient(record), Data(record, "4", "Domain Resource"), .. Transaction(record)];
        return audit;
    }

    private static AuditEvent Query(AuditRecord record)
    {
        var audit = Event(
            record, record.PersonRef is null ? "IHE.BasicAudit.Query" : "IHE.BasicAudit.PatientQuery", new Coding(AuditEventType, "rest", "Restful Operation"),
            AuditEvent.AuditEventAction.E);
        audit.Subtype = [new Coding(RestfulInteraction, "search-type", "search type")];
        audit.Agent =
        [
            Agent(Dicom, "110153", "Source Role ID", Unit(record.Actor.Party, record.Actor.UnitId), record.Actor.Party),
            Agent(Dicom, "110152", "Destination Role ID", Service("audit"), "audit"),
            User(record),
        ];
        audit.Entity =
        [
            new AuditEvent.EntityComponent
            {
                Type = new Coding(EntityType, "2", "System Object"),
                Role = new Coding(ObjectRole, "24", "Query"),
                Query = System.Text.Encoding.UTF8.GetBytes(record.Reason ?? ""),
                Description = record.Reason,
            },
            .. record.PersonRef is null ? Array.Empty<AuditEvent.EntityComponent>() : [Patient(record)],
            .. Transaction(record),
        ];
        return audit;
    }

    private static AuditEvent DisclosureSource(AuditRecord record)
    {
        var audit = Event(record, "IHE.BasicAudit.PrivacyDisclosure.Source", new Coding(Dicom, "110106", "Export"), AuditEvent.AuditEventAction.R);
        audit.Subtype = [new Coding(Lifecycle, "disclose", "Disclose Record Lifecycle Event"), new Coding(ActionSystem, record.Action, record.Action)];
        var source = Unit(record.SourceParty, record.SourceUnitId);
        audit.Source.Observer = source;
        audit.Agent =
        [
            Agent(Dicom, "110153", "Source Role ID", source, record.SourceParty),
            Agent(Dicom, "110152", "Destination Role ID", Unit(record.RecipientParty, record.RecipientUnitId), record.RecipientParty),
            User(record),
        ];
        audit.Entity = [Patient(record), Data(record, "3", "Report"), .. Transaction(record)];
        return audit;
    }

    /// <summary>
    /// BALP AuthZconsent: the consent decision behind an access, with four agents (the application that asked, the user, the
    /// user's organisation, and the consent service that decided, which is also the event's observer); success for a permit,
    /// serious failure with the reason for a deny.
    /// </summary>
    private static AuditEvent AuthZConsent(AuditRecord record, string id)
    {
        var audit = Event(record, "IHE.BasicAudit.AuthZconsent", new Coding(Dicom, "110113", "Security Alert"), AuditEvent.AuditEventAction.E);
        audit.Id = id;
        audit.Subtype = [new Coding(AuthZSubType, "AuthZ-Consent", "Authorization Decision using Roles and Consent")];
        var decider = Service("consent");
        audit.Source.Observer = decider;
        var user = User(record);
        user.Role = [];
        audit.Agent =
        [
            Agent(Dicom, "110150", "Application", Service("gateway"), "gateway"),
            user,
            new AuditEvent.AgentComponent
            {
                Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-RoleClass", "PROV", "healthcare provider"),
                Who = Unit(record.Actor.Party, record.Actor.UnitId),
                Requestor = false,
            },
            new AuditEvent.AgentComponent
            {
                Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/extra-security-role-type", "authserver", "authorization server"),
                Who = decider,
                Requestor = false,
            },
        ];
        if (record.Outcome == AuditOutcomes.Denied)
        {
            audit.Outcome = AuditEvent.AuditEventOutcome.N8;
            audit.OutcomeDesc = record.Reason;
        }

        audit.Entity =
        [
            .. record.PersonRef is null ? Array.Empty<AuditEvent.EntityComponent>() : [Patient(record)],
            new AuditEvent.EntityComponent
            {
                Type = new Coding("http://hl7.org/fhir/resource-types", "Consent", "Consent"),
                // A denial may have no consent at all: then the entity names that no consent was found.
                What = record.ConsentId is { } consent
                    ? new ResourceReference($"Consent/{consent}")
                    : new ResourceReference { Identifier = new Identifier(Systems + "consent", "none"), Display = "Inget samtycke" },
            },
        ];
        return audit;
    }

    /// <summary>A record no BALP pattern covers: its type is Finsam's action, and the consent or person it concerns its entity.</summary>
    private static AuditEvent Other(AuditRecord record)
    {
        var (type, action) = record.Action switch
        {
            AuditActions.ConsentGranted or AuditActions.ConsentConfirmed => (new Coding(Dicom, "110137", "User Security Attributes Changed"), AuditEvent.AuditEventAction.C),
            AuditActions.ConsentRevoked => (new Coding(Dicom, "110137", "User Security Attributes Changed"), AuditEvent.AuditEventAction.D),
            _ => (new Coding(ActionSystem, record.Action, record.Action), AuditEvent.AuditEventAction.E),
        };
        var audit = Event(record, null, type, action);
        audit.Subtype = [new Coding(ActionSystem, record.Action, record.Action)];
        audit.Agent = [User(record)];
        audit.Entity =
        [
            .. record.PersonRef is null ? Array.Empty<AuditEvent.EntityComponent>() : [Patient(record)],
            .. record.ConsentId is { } consent
                ? [new AuditEvent.EntityComponent { Type = new Coding("http://hl7.org/fhir/resource-types", "Consent", "Consent"), What = new ResourceReference($"Consent/{consent}") }]
                : Array.Empty<AuditEvent.EntityComponent>(),
            .. Transaction(record),
        ];
        return audit;
    }

    private static AuditEvent Event(AuditRecord record, string? profile, Coding type, AuditEvent.AuditEventAction action) => new()
    {
        Id = record.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Meta = profile is null ? null : new Meta { Profile = [Balp + profile] },
        Type = type,
        Action = action,
        Period = new Period(new FhirDateTime(record.OccurredAt), new FhirDateTime(record.OccurredAt)),
        Recorded = record.RecordedAt,
        Outcome = AuditEvent.AuditEventOutcome.N0,
        PurposeOfEvent = record.Purpose is null ? [] : [new CodeableConcept(PurposeSystem, record.Purpose)],
        Source = new AuditEvent.SourceComponent
        {
            Site = "Finsam",
            Observer = Service("audit"),
            Type = [new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server")],
        },
    };

    private static AuditEvent.AgentComponent Agent(string system, string code, string display, ResourceReference who, string? network) => new()
    {
        Type = new CodeableConcept(system, code, display),
        Who = who,
        Requestor = false,
        Network = new AuditEvent.NetworkComponent { Address = network ?? "finsam", Type = AuditEvent.AuditEventAgentNetworkType.N1 },
    };

    /// <summary>The member of staff (or the person) who acted: BALP's user agent, the requestor.</summary>
    private static AuditEvent.AgentComponent User(AuditRecord record) => new()
    {
        Type = new CodeableConcept(ParticipationType, "IRCP", "information recipient"),
        Who = new ResourceReference { Identifier = new Identifier(UserSystem, record.Actor.UserId) },
        Requestor = true,
        Role = [new CodeableConcept(Systems + "role", record.Actor.Role)],
        PurposeOfUse = record.Purpose is null ? [] : [new CodeableConcept(PurposeSystem, record.Purpose)],
    };

    private static AuditEvent.EntityComponent Patient(AuditRecord record) => new()
    {
        Type = new Coding(EntityType, "1", "Person"),
        Role = new Coding(ObjectRole, "1", "Patient"),
        What = new ResourceReference { Type = "Patient", Identifier = new Identifier(PersonRefSystem, record.PersonRef) },
    };

    /// <summary>What was read or disclosed: the information categories, as security labels of the data entity.</summary>
    private static AuditEvent.EntityComponent Data(AuditRecord record, string role, string roleDisplay) => new()
    {
        Type = new Coding(EntityType, "2", "System Object"),
        Role = new Coding(ObjectRole, role, roleDisplay),
        What = new ResourceReference { Identifier = new Identifier(Systems + "record", $"{record.SourceParty}/{record.PersonRef}") },
        SecurityLabel = [.. record.Categories.Select(category => new Coding(CategorySystem, category))],
    };

    private static IEnumerable<AuditEvent.EntityComponent> Transaction(AuditRecord record) => record.CorrelationId is null
        ? []
        : [new AuditEvent.EntityComponent
        {
            Type = new Coding(BalpEntityType, "XrequestId", "X-Request-Id"),
            What = new ResourceReference { Identifier = new Identifier { Value = record.CorrelationId } },
        }];

    private static ResourceReference Unit(string? party, string? unitId) => unitId is null
        ? Party(party)
        : new ResourceReference { Type = "Organization", Identifier = new Identifier(UnitSystem, unitId), Display = party };

    private static ResourceReference Party(string? party) =>
        new() { Type = "Organization", Identifier = new Identifier(PartySystem, party ?? "unknown") };

    private static ResourceReference Service(string service) =>
        new() { Type = "Device", Identifier = new Identifier(ServiceSystem, service), Display = $"Finsam {service}" };
}
