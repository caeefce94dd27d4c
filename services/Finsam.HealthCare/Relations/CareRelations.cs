using Finsam.Contracts.Codes;
using Finsam.Contracts.Sharing;
using Finsam.HealthCare.HealthRecord;
using Finsam.ServiceDefaults.Relations;

namespace Finsam.HealthCare.Relations;

/// <summary>A care relation (vårdrelation, PDL 4:1): the record system shows an active care contact with the person.</summary>
public sealed class CareRelations(IHealthRecordSystem records) : IRelationSource
{
    public async Task<string?> RelationAsync(Actor actor, string personRef, CancellationToken cancellationToken)
    {
        var contact = await records.ReadAsync(personRef, DataCategories.HealthContact, cancellationToken);
        return contact?["activeCareContact"]?.GetValue<bool>() == true ? "care-contact" : null;
    }
}
