using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace Finsam.Deployment.Tests;

/// <summary>
/// Every manifest under deploy/k8s matches the Kubernetes 1.27.1 JSON schema (schemas/README.md), strictly: a
/// property the schema does not name fails, as it does with kubectl.
/// </summary>
public sealed class KubernetesSchemaTests
{
    private const string Bundle = "tests/Finsam.Deployment.Tests/schemas/kubernetes-1.27.1.schema.json";

    private static readonly Lazy<JsonObject> Schemas = new(() => Strict((JsonObject)JsonNode.Parse(Repository.Read(Bundle))!));
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Validators = new(StringComparer.Ordinal);

    public static TheoryData<string> Documents() => KubernetesManifests.Documents();

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_kubernetes_manifest_matches_the_kubernetes_schema(string document)
    {
        var manifest = KubernetesManifests.Document(document);
        var errors = Validate(manifest.ApiVersion, manifest.Kind, manifest.Document);
        Assert.True(errors.Count == 0, $"{manifest} does not match the schema:\n{string.Join('\n', errors)}");
    }

    [Fact]
    public void The_schema_check_catches_a_misspelt_field_and_a_missing_one()
    {
        var audit = KubernetesManifests.Get("Deployment", "audit").Document;
        Assert.Empty(Validate("apps/v1", "Deployment", audit));

        var misspelt = (JsonObject)audit.DeepClone();
        var container = (JsonObject)misspelt["spec"]!["template"]!["spec"]!["containers"]![0]!;
        var probe = container["readinessProbe"]!.DeepClone();
        container.Remove("readinessProbe");
        container["readinesProbe"] = probe;
        Assert.NotEmpty(Validate("apps/v1", "Deployment", misspelt));

        var withoutSelector = (JsonObject)audit.DeepClone();
        ((JsonObject)withoutSelector["spec"]!).Remove("selector");
        Assert.NotEmpty(Validate("apps/v1", "Deployment", withoutSelector));

        var wrongType = (JsonObject)audit.DeepClone();
        wrongType["spec"]!["replicas"] = "one";
        Assert.NotEmpty(Validate("apps/v1", "Deployment", wrongType));
    }

    private static List<string> Validate(string apiVersion, string kind, JsonObject document)
    {
        var key = $"{apiVersion}/{kind}";
        var definition = Schemas.Value.Mapping("kinds")[key].Text();
        Assert.True(definition is not null, $"No schema for {key}: add the kind to schemas/extract-kubernetes-schemas.cjs and regenerate.");
        var schema = Validators.GetOrAdd(definition, id => new Lazy<JsonSchema>(() => Load(id))).Value;
        return [.. schema.Validate(document.ToJsonString()).Select(error => error.ToString())];
    }

    /// <summary>A schema whose root is one definition, with every definition beside it for its references.</summary>
    private static JsonSchema Load(string definition)
    {
        var root = (JsonObject)Schemas.Value.Mapping("definitions")[definition]!.DeepClone();
        root["definitions"] = Schemas.Value.Mapping("definitions").DeepClone();
        return JsonSchema.FromJsonAsync(root.ToJsonString()).GetAwaiter().GetResult();
    }

    /// <summary>Forbids properties an object schema does not name (the schemas leave additionalProperties open).</summary>
    private static JsonObject Strict(JsonObject bundle)
    {
        foreach (var (_, definition) in bundle.Mapping("definitions"))
        {
            MakeStrict(definition);
        }

        return bundle;
    }

    private static void MakeStrict(JsonNode? schema)
    {
        if (schema is not JsonObject node)
        {
            return;
        }

        if (node["properties"] is JsonObject properties)
        {
            node.TryAdd("additionalProperties", false);
            foreach (var (_, property) in properties)
            {
                MakeStrict(property);
            }
        }

        MakeStrict(node["items"]);
        MakeStrict(node["additionalProperties"]);
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (node[combinator] is JsonArray options)
            {
                foreach (var option in options)
                {
                    MakeStrict(option);
                }
            }
        }
    }
}
