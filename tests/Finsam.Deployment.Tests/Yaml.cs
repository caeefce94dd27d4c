using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Finsam.Deployment.Tests;

/// <summary>
/// Reads YAML into <see cref="JsonNode"/>s: merge keys (<c>&lt;&lt;: *anchor</c>) resolved, and plain scalars
/// typed by YAML 1.2's core schema, so that <c>replicas: 1</c> is a number and <c>"1"</c> a string.
/// </summary>
public static partial class Yaml
{
    public static IReadOnlyList<JsonNode?> LoadAll(string text)
    {
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(new StringReader(text))));
        return [.. stream.Documents.Select(document => ToJson(document.RootNode))];
    }

    public static JsonNode? Load(string text) => Assert.Single(LoadAll(text));

    public static JsonObject LoadFile(string relative) =>
        Load(Repository.Read(relative)) as JsonObject ?? throw new InvalidOperationException($"{relative} is not a YAML mapping.");

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value ?? "", ToJson(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidOperationException($"Unexpected YAML node {node.NodeType} at {node.Start}."),
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when Integer().IsMatch(value) => JsonValue.Create(long.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)),
            _ when Float().IsMatch(value) => JsonValue.Create(double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(value),
        };
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}

/// <summary>Small readers over <see cref="JsonNode"/> that fail with the path they were looking for.</summary>
public static class Json
{
    /// <summary>A scalar as text (numbers and booleans as written in JSON), or null when absent.</summary>
    public static string? Text(this JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value => value.ToJsonString(),
        _ => throw new InvalidOperationException($"{node.GetPath()} is not a scalar."),
    };

    public static JsonObject Mapping(this JsonNode? node, string name) =>
        node?[name] as JsonObject ?? throw new InvalidOperationException($"{node?.GetPath()}.{name} is missing or not a mapping.");

    public static JsonArray Sequence(this JsonNode? node, string name) =>
        node?[name] as JsonArray ?? throw new InvalidOperationException($"{node?.GetPath()}.{name} is missing or not a list.");

    public static IEnumerable<JsonObject> Mappings(this JsonArray array) => array.OfType<JsonObject>();

    public static IEnumerable<string> Texts(this JsonArray? array) => array is null ? [] : array.Select(item => item.Text() ?? "");
}
