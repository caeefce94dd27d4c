using System.Globalization;
using Dapper;
using Finsam.Audit.Checkpoints;
using Finsam.Audit.Recording;
using Finsam.Audit.Searching;
using Finsam.Contracts.Api.Audit;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Finsam.Audit.Reviewing;

/// <summary>
/// A random sample of the records that match the filters (IMY's log follow-up asks for systematic and
/// random review). The seed is returned, so the same sample can be drawn again to document the review.
/// </summary>
public static class Sample
{
    private const int MaxSize = 500;

    public static void MapSample(this RouteGroupBuilder group) =>
        group.MapGet("/sample", HandleAsync).WithSummary("A reproducible random sample of records in a period");

    private static async Task<Results<Ok<SampleResult>, ValidationProblem>> HandleAsync(
        HttpRequest request, Grant grant, IOptions<AuditOptions> options, ServiceDatabase<AuditService> database, CancellationToken cancellationToken)
    {
        var query = AuditQuery.Parse(request, AuditScope.Of(grant, options.Value));
        var sizeText = request.Query["size"].ToString();
        var seedText = request.Query["seed"].ToString();
        var size = 20;
        var seed = Random.Shared.Next();
        var errors = AuditQuery.Validate(request, query)
            .Require(sizeText.Length == 0 || (int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) && size is > 0 and <= MaxSize),
                "size", $"Mellan 1 och {MaxSize}.")
            .Require(seedText.Length == 0 || int.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out seed), "seed", "Ett heltal.");
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        await using var session = await database.ConnectAsync(cancellationToken);
        var (where, parameters) = query.Where();
        var population = (await session.QueryAsync<long>($"SELECT sequence FROM audit_records WHERE 1 = 1{where} ORDER BY sequence", new DynamicParameters(parameters))).ToArray();

        // A partial Fisher–Yates shuffle: the first `size` places are a uniform sample without replacement.
        var random = new Random(seed);
        var take = Math.Min(size, population.Length);
        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, population.Length);
            (population[i], population[j]) = (population[j], population[i]);
        }

        var chosen = population[..take];
        var records = (await session.QueryAsync<AuditStore.RecordRow>($"{AuditStore.SelectRecord} WHERE sequence IN @Chosen ORDER BY sequence", new { Chosen = chosen }))
            .Select(r => r.ToRecord().ToView()).ToList();
        return TypedResults.Ok(new SampleResult(seed, population.Length, records));
    }
}
