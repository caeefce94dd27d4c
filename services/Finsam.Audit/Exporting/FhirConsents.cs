using Finsam.Audit.Recording;
using Finsam.Contracts.Audit;
using Hl7.Fhir.Model;

namespace Finsam.Audit.Exporting;

/// <summary>
/// The consents an export's records name, as FHIR R4 Consent resources built from their consent-granted records (the
/// provisions are in the record, docs/adr/0038): privacy consents of the person, each provision a permit to one party
/// or unit for the categories and the purpose; inactive once a consent-revoked record follows.
/// </summary>
public static class FhirConsents
{
    public static Consent Granted(AuditRecord granted, bool revoked) => new()
    {
        Id = granted.ConsentId!.Value.ToString(),
        Status = revoked ? Consent.ConsentState.Inactive : Consent.ConsentState.Active,
        Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent"),
        Category = [new CodeableConcept("http://loinc.org", "59284-0", "Patient Consent")],
        Patient = new ResourceReference { Type = "Patient", Identifier = new Identifier(FhirAuditEvents.PersonRefSystem, granted.PersonRef) },
        DateTimeElement = new FhirDateTime(granted.OccurredAt),
        // Recorded by staff with the person (DOMAIN.md): the recorder is the performer of record.
        Performer = [new ResourceReference { Identifier = new Identifier(FhirAuditEvents.UserSystem, granted.Actor.UserId) }],
        PolicyRule = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN", "opt-in"),
        Provision = new Consent.provisionComponent
        {
            Type = Consent.ConsentProvisionType.Deny, // default deny; the nested provisions permit
            Provision =
            [
                .. ProvisionText.Parse(granted.Reason).Select(p => new Consent.provisionComponent
                {
                    Type = Consent.ConsentProvisionType.Permit,
                    Actor =
                    [
                        new Consent.provisionActorComponent
                        {
                            Role = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient"),
                            Reference = p.ToUnitId is null
                                ? new ResourceReference { Type = "Organization", Identifier = new Identifier(FhirAuditEvents.PartySystem, p.ToParty) }
                                : new ResourceReference { Type = "Organization", Identifier = new Identifier(FhirAuditEvents.UnitSystem, p.ToUnitId), Display = p.ToParty },
                        },
                    ],
                    Purpose = granted.Purpose is null ? [] : [new Coding(FhirAuditEvents.PurposeSystem, granted.Purpose)],
                    SecurityLabel = [.. p.Categories.Select(c => new Coding(FhirAuditEvents.CategorySystem, c))],
                }),
            ],
        },
    };

    /// <summary>Whether the record is a consent being given, whose provisions make a Consent.</summary>
    public static bool IsGrant(AuditRecord record) => record.Action == AuditActions.ConsentGranted && record.ConsentId is not null && record.PersonRef is not null;
}
