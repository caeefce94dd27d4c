using System.Text.Json.Nodes;

namespace Finsam.Deployment.Tests;

/// <summary>One document of a manifest file under deploy/k8s.</summary>
public sealed record Manifest(string File, int Index, JsonObject Document)
{
    public string ApiVersion => Document["apiVersion"].Text() ?? "";

    public string Kind => Document["kind"].Text() ?? "";

    public string Name => Document["metadata"]?["name"].Text() ?? "";

    public override string ToString() => $"{File}#{Index} ({Kind} {Name})";
}

/// <summary>The manifests that deploy/k8s/kustomization.yaml lists, in that order.</summary>
public static class KubernetesManifests
{
    public const string Folder = "deploy/k8s";
    public const string Kustomization = Folder + "/kustomization.yaml";

    private static readonly Lazy<IReadOnlyList<Manifest>> Loaded = new(Load);

    public static IReadOnlyList<Manifest> All => Loaded.Value;

    public static IReadOnlyList<string> Resources() => [.. Yaml.LoadFile(Kustomization).Sequence("resources").Texts()];

    public static TheoryData<string> Documents() => [.. All.Select(m => $"{m.File}#{m.Index}")];

    public static Manifest Document(string id) => All.Single(m => $"{m.File}#{m.Index}" == id);

    public static IEnumerable<Manifest> OfKind(string kind) => All.Where(m => m.Kind == kind);

    public static Manifest? Find(string kind, string name) => All.SingleOrDefault(m => m.Kind == kind && m.Name == name);

    public static Manifest Get(string kind, string name) =>
        Find(kind, name) ?? throw new Xunit.Sdk.XunitException($"No {kind} named '{name}' under {Folder}.");

    public static JsonObject PodSpec(Manifest deployment) => deployment.Document.Mapping("spec").Mapping("template").Mapping("spec");

    public static JsonObject OnlyContainer(Manifest deployment) =>
        Assert.Single(PodSpec(deployment).Sequence("containers").Mappings());

    /// <summary>A ConfigMap's or Secret's entries (data and stringData together).</summary>
    public static IReadOnlyDictionary<string, string> Entries(Manifest manifest)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in new[] { "data", "stringData" })
        {
            if (manifest.Document[section] is JsonObject values)
            {
                foreach (var (key, value) in values)
                {
                    entries[key] = value.Text() ?? "";
                }
            }
        }

        return entries;
    }

    private static List<Manifest> Load()
    {
        var manifests = new List<Manifest>();
        foreach (var file in Resources())
        {
            var relative = $"{Folder}/{file}";
            var documents = Yaml.LoadAll(Repository.Read(relative));
            for (var index = 0; index < documents.Count; index++)
            {
                if (documents[index] is JsonObject document)
                {
                    manifests.Add(new Manifest(relative, index, document));
                }
            }
        }

        return manifests;
    }
}
