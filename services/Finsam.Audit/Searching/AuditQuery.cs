using System.Globalization;
using System.Text;
using Dapper;
using Finsam.Audit.Recording;
using Finsam.Contracts.Codes;
using PersonRefFormat = Finsam.Contracts.Persons.PersonRef;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Validation;

namespace Finsam.Audit.Searching;

/// <summary>
/// The filters an auditor can combine (API.md), validated once and turned into SQL once, for search,
/// export and sampling alike. Every value reaches SQL as a parameter.
/// </summary>
public sealed record AuditQuery(
    string? PersonRef, string? UserId, string? Party, string? UnitId, string? Purpose, string? Outcome, string? Action,
    DateTimeOffset? From, DateTimeOffset? To, AuditScope Scope)
{
    /// <summary>The earliest time a filter may name.</summary>
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The filters of a request, always within the auditor's <paramref name="scope"/>.</summary>
    public static AuditQuery Parse(HttpRequest request, AuditScope scope) => new(
        Text(request, "personRef"), Text(request, "userId"), Text(request, "party"), Text(request, "unitId"), Text(request, "purpose"),
        Text(request, "outcome"), Text(request, "action"), Time(request, "from"), Time(request, "to"), scope);

    /// <summary>Validates the filters; times that do not parse are reported here, not as a 500 later.</summary>
    public static ValidationErrors Validate(HttpRequest request, AuditQuery query)
    {
        var errors = new ValidationErrors()
            .Require(query.PersonRef is null || PersonRefFormat.IsValid(query.PersonRef), "personRef", "Okänd personreferens.")
            .Require(query.Party is null || Parties.IsValid(query.Party), "party", "Okänd part.")
            .Require(query.Purpose is null || Purposes.IsValid(query.Purpose), "purpose", "Okänt ändamål.")
            .Require(query.Outcome is null or AuditOutcomes.Permitted or AuditOutcomes.Denied, "outcome", "Välj permitted eller denied.")
            // Staff ids are names (anna.lind); a bare number could be a personnummer typed into the wrong box.
            .Require(query.UserId is null || (query.UserId.Length <= 128 && query.UserId.Any(char.IsLetter)), "userId", "Ange ett användar-id, t.ex. anna.lind.")
            .Require(query.UnitId is null || query.UnitId.Length <= 128, "unitId", "För lång.")
            .Require(query.Action is null || query.Action.Length <= 32, "action", "För lång.");
        foreach (var name in new[] { "from", "to" })
        {
            errors.Require(Text(request, name) is null || Time(request, name) is not null, name, "Ange tiden som ISO 8601, t.ex. 2026-11-23T08:00:00Z.");
            // No audit record is that old, and a time at the calendar's edge breaks period arithmetic (a default "30 days before").
            errors.Require(Time(request, name) is not { } time || time >= Earliest, name, "Ange en tid efter år 2000.");
        }

        return errors.Require(query.From is null || query.To is null || query.From <= query.To, "from", "Från-tiden ligger efter till-tiden.");
    }

    /// <summary>The WHERE clause (starting with " AND") and its parameters.</summary>
    public (string Sql, Dictionary<string, object?> Parameters) Where()
    {
        var sql = new StringBuilder();
        var parameters = new Dictionary<string, object?>();
        void Add(string condition, string name, object? value)
        {
            if (value is null)
            {
                return;
            }

            sql.Append(" AND ").Append(condition);
            parameters[name] = value;
        }

        Add("person_ref = @PersonRef", "PersonRef", PersonRef);
        Add("actor_user = @UserId", "UserId", UserId);
        Add("(actor_party = @Party OR source_party = @Party OR recipient_party = @Party)", "Party", Party);
        Add("(actor_unit = @UnitId OR source_unit = @UnitId OR recipient_unit = @UnitId)", "UnitId", UnitId);
        Add("purpose = @Purpose", "Purpose", Purpose);
        Add("outcome = @Outcome", "Outcome", Outcome);
        Add("action = @Action", "Action", Action);
        Add("occurred_at >= @From", "From", From?.ToUniversalTime());
        Add("occurred_at <= @To", "To", To?.ToUniversalTime());
        if (!Scope.IsAll)
        {
            sql.Append(Scope.Sql());
            parameters["ScopeParty"] = Scope.Party;
        }

        return (sql.ToString(), parameters);
    }

    /// <summary>The first <paramref name="take"/> matching records after sequence <paramref name="after"/>, in written order.</summary>
    public (string Sql, DynamicParameters Parameters) Page(SqlProvider provider, long after, int take)
    {
        var (where, parameters) = Where();
        parameters["After"] = after;
        parameters["Take"] = take;
        var sql = $"{AuditStore.SelectRecord} WHERE sequence > @After{where} {SqlDialect.For(provider).FirstBySequence}";
        return (sql, new DynamicParameters(parameters));
    }

    private static string? Text(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) && !string.IsNullOrWhiteSpace(values.ToString()) ? values.ToString() : null;

    private static DateTimeOffset? Time(HttpRequest request, string name) =>
        DateTimeOffset.TryParse(Text(request, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
