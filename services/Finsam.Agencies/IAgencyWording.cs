using System.Text.Json.Nodes;

namespace Finsam.Agencies;

/// <summary>
/// How an agency's record of a person reads in Finsam, in the agency's own terms: the line a coach reads on the
/// IPS case, and the shared-view section's data when the agency has no record (a record itself is shown as it is).
/// </summary>
public interface IAgencyWording<in TRecord>
    where TRecord : class
{
    /// <summary>One line of plain Swedish. When the line changes, the IPS unit that follows the person hears of it.</summary>
    string Describe(TRecord? record);

    /// <summary>The section's data for a person the agency has no record of, e.g. <c>{"registered": false}</c>.</summary>
    JsonObject NoRecord();

    /// <summary>Whether the record is one of a person the agency works with now (registered, a benefit): a relation (docs/adr/0027).</summary>
    bool Knows(TRecord record);
}
