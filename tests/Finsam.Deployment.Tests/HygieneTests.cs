using System.Text.RegularExpressions;

namespace Finsam.Deployment.Tests;

/// <summary>The deployment material holds no personal identity numbers and no secret that looks real.</summary>
public sealed partial class HygieneTests
{
    /// <summary>Everything this test project guards, besides the manifests and compose file it parses.</summary>
    private static readonly string[] Roots =
        ["docker-compose.yml", ".dockerignore", "deploy/docker", "deploy/compose", "deploy/k8s", "deploy/otel", "docs/deployment.md"];

    public static IEnumerable<string> Files() => Roots.SelectMany(root =>
        Directory.Exists(Repository.PathOf(root)) ? Repository.FilesUnder(root) : [root]);

    [Fact]
    public void No_deployment_file_holds_a_personnummer()
    {
        foreach (var file in Files())
        {
            var match = Personnummer().Match(Repository.Read(file));
            Assert.False(match.Success, $"{file} holds what looks like a personnummer: {match.Value}");
        }
    }

    [Fact]
    public void No_secret_that_looks_real_is_kept_outside_the_demo_secrets()
    {
        foreach (var file in Files().Where(f => !f.StartsWith(DemoSecretsTests.Folder + "/", StringComparison.Ordinal)))
        {
            var text = Repository.Read(file);
            Assert.False(PrivateKey().IsMatch(text), $"{file} holds a private key.");
            foreach (Match password in Password().Matches(text))
            {
                var value = password.Groups["value"].Value;
                Assert.True(
                    value.StartsWith("REPLACE-ME", StringComparison.Ordinal) || value.StartsWith('$') || value.StartsWith('<'),
                    $"{file}: '{password.Value}' must be a REPLACE-ME placeholder or a reference to a variable.");
            }

            foreach (Match credentials in UriCredentials().Matches(text))
            {
                Assert.Contains("REPLACE-ME", credentials.Value, StringComparison.Ordinal);
            }

            var secretLooking = LongBase64().Match(text);
            Assert.False(secretLooking.Success, $"{file} holds a long base64 value, perhaps a key: {secretLooking.Value}");
        }
    }

    [Fact]
    public void The_personnummer_check_recognises_one()
    {
        Assert.Matches(Personnummer(), "personnummer 19811218-9876");
        Assert.Matches(Personnummer(), "\"811218-9876\"");
        Assert.Matches(Personnummer(), "198112189876");
        Assert.DoesNotMatch(Personnummer(), "image: jaegertracing/all-in-one:1.66.0, Demo-only-Finsam-2026, 0.120.0");
    }

    /// <summary>
    /// Ten or twelve digits that read as a date of birth (or a samordningsnummer's day + 60) and four more,
    /// with or without the - or + separator.
    /// </summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:19|20)?[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]|6[1-9]|[78][0-9]|9[01])[-+]?[0-9]{4}(?![A-Za-z0-9])")]
    private static partial Regex Personnummer();

    [GeneratedRegex("-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"(?i)(?:password|pwd|pass)\s*[=:]\s*[""']?(?<value>[^;""'\s]+)")]
    private static partial Regex Password();

    [GeneratedRegex(@"[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@")]
    private static partial Regex UriCredentials();

    [GeneratedRegex(@"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/])")]
    private static partial Regex LongBase64();
}
