using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Finsam.Transparency;

namespace Finsam.Deployment.Tests;

/// <summary>
/// The demo secrets of docker-compose.yml (deploy/compose/demo-secrets) fit together: each grant issuer signs
/// with a key whose public half the services that trust it hold, and the passwords agree across containers.
/// </summary>
public sealed class DemoSecretsTests
{
    public const string Folder = "deploy/compose/demo-secrets";

    private static ComposeFile Compose => ComposeFile.Instance;

    [Fact]
    public void Every_demo_secret_file_says_it_is_for_the_demo_only()
    {
        var files = Repository.FilesUnder(Folder).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = Repository.Read(file);
            Assert.True(
                text.StartsWith("# DEMO ONLY", StringComparison.Ordinal) || text.Contains("\n# DEMO ONLY", StringComparison.Ordinal),
                $"{file} must say '# DEMO ONLY' at the top.");
        }
    }

    [Fact]
    public void Every_env_file_in_the_demo_secrets_is_read_by_compose()
    {
        var read = Compose.ServiceNames.SelectMany(Compose.EnvFiles).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Repository.FilesUnder(Folder).Where(f => f.EndsWith(".env", StringComparison.Ordinal)))
        {
            Assert.Contains(file, read);
        }
    }

    [Fact]
    public void Every_grant_issuer_signs_with_the_key_whose_public_half_its_receivers_trust()
    {
        var consent = Compose.EnvironmentOf("consent");
        foreach (var issuer in Repository.ConsentCallers())
        {
            var signing = Compose.EnvironmentOf(issuer).GetValueOrDefault($"Finsam__Grants__SigningKeys__{issuer}");
            Assert.False(string.IsNullOrEmpty(signing), $"{issuer} signs grants but has no Finsam__Grants__SigningKeys__{issuer}.");
            Assert.Equal(PublicKeyOf(signing), PublicKey(consent.GetValueOrDefault($"Finsam__Grants__PublicKeys__{issuer}")));
        }

        var gateway = PublicKeyOf(Compose.EnvironmentOf("gateway")["Finsam__Grants__SigningKeys__gateway"]);
        foreach (var host in Repository.Hosts.Where(h => !h.IsGateway))
        {
            Assert.Equal(gateway, PublicKey(Compose.EnvironmentOf(host.Service).GetValueOrDefault("Finsam__Grants__PublicKeys__gateway")));
        }
    }

    [Fact]
    public void The_demo_audit_log_and_its_witness_hold_each_others_verifier_keys()
    {
        var audit = Compose.EnvironmentOf("audit");
        var witness = Compose.EnvironmentOf("witness");

        Assert.Equal(NoteSigner.Parse(audit["Finsam__Audit__NoteSigningKey"]).Verifier.ToString(), witness["Finsam__Witness__Logs__0__VerifierKey"]);
        Assert.Equal(
            NoteSigner.Parse(witness["Finsam__Witness__SigningKey"], NoteVerifierKey.CosignatureType).Verifier.ToString(),
            audit["Finsam__Audit__Witnesses__0__VerifierKey"]);
        Assert.Equal("http://witness:8080/witness", audit["Finsam__Audit__Witnesses__0__Url"]);
        Assert.Equal(audit["Finsam__Audit__Origin"], NoteSigner.Parse(audit["Finsam__Audit__NoteSigningKey"]).Verifier.Name);
    }

    [Fact]
    public void No_service_holds_another_issuers_signing_key()
    {
        foreach (var host in Repository.Hosts)
        {
            foreach (var key in Compose.EnvironmentOf(host.Service).Keys.Where(k => k.StartsWith("Finsam__Grants__SigningKeys__", StringComparison.Ordinal)))
            {
                Assert.Equal($"Finsam__Grants__SigningKeys__{host.Service}", key);
            }
        }
    }

    [Fact]
    public void The_audit_service_signs_checkpoints_with_a_p256_key()
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(Compose.EnvironmentOf("audit")["Finsam__Audit__SigningKey"]);
        Assert.Equal(256, key.KeySize);
    }

    [Fact]
    public void Every_connection_string_and_the_broker_address_use_the_containers_own_credentials()
    {
        var saPassword = Compose.EnvironmentOf("sqlserver")["MSSQL_SA_PASSWORD"];
        var rabbit = Compose.EnvironmentOf("rabbitmq");
        foreach (var host in Repository.Hosts)
        {
            var environment = Compose.EnvironmentOf(host.Service);
            var connection = new DbConnectionStringBuilder { ConnectionString = environment[$"ConnectionStrings__{host.Service}"] };
            Assert.Equal("sa", connection["User Id"]);
            Assert.Equal(saPassword, connection["Password"]);

            var broker = new Uri(environment["Finsam__Messaging__RabbitMq"]);
            Assert.Equal($"{rabbit["RABBITMQ_DEFAULT_USER"]}:{rabbit["RABBITMQ_DEFAULT_PASS"]}", Uri.UnescapeDataString(broker.UserInfo));
        }
    }

    [Fact]
    public void The_demo_pseudonym_key_is_the_published_one_that_the_gateway_accepts_only_with_the_development_identity()
    {
        // GatewayService refuses the published key unless the development identity is on, so these demo
        // secrets cannot end up protecting real personRefs.
        var published = JsonNode.Parse(Repository.Read("deploy/Finsam.Local/appsettings.json"))?["Finsam"]?["PersonRef"]?["Key"].Text();
        var gateway = Compose.EnvironmentOf("gateway");
        Assert.Equal(published, gateway["Finsam__PersonRef__Key"]);
        Assert.Equal("true", gateway.GetValueOrDefault("Finsam__DevIdentity__Enabled"));
        Assert.True(Convert.FromBase64String(gateway["Finsam__DevIdentity__SigningKey"]).Length >= 32);
    }

    private static string PublicKeyOf(string? privatePem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(privatePem);
        Assert.Equal(256, key.KeySize);
        return Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
    }

    private static string PublicKey(string? publicPem)
    {
        Assert.False(string.IsNullOrEmpty(publicPem), "A public key is missing.");
        using var key = ECDsa.Create();
        key.ImportFromPem(publicPem);
        return Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
    }
}
