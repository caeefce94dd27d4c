using System.Text.Json.Nodes;

namespace Finsam.Deployment.Tests;

/// <summary>deploy/k8s: a Deployment and a Service per host, probed, non-root, autoscaled except the audit writer.</summary>
public sealed class KubernetesTests
{
    public static TheoryData<string> Hosts() => Repository.HostProjects();

    [Fact]
    public void The_kustomization_lists_every_manifest_in_the_folder_and_nothing_else()
    {
        var listed = KubernetesManifests.Resources().Order(StringComparer.Ordinal).ToList();
        var present = Repository.FilesUnder(KubernetesManifests.Folder)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) && f != KubernetesManifests.Kustomization)
            .Select(f => Path.GetFileName(f))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(present, listed);
        Assert.Equal("finsam", Yaml.LoadFile(KubernetesManifests.Kustomization)["namespace"].Text());
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Every_host_has_a_deployment_and_a_service(string project)
    {
        var host = Repository.Host(project);
        var deployment = KubernetesManifests.Get("Deployment", host.Service);
        var service = KubernetesManifests.Get("Service", host.Service);

        Assert.Equal($"finsam/{host.Service}:dev", KubernetesManifests.OnlyContainer(deployment)["image"].Text());
        Assert.Equal("8080", KubernetesManifests.OnlyContainer(deployment).Sequence("ports").Mappings().Single()["containerPort"].Text());
        Assert.Equal("8080", Assert.Single(service.Document.Mapping("spec").Sequence("ports").Mappings())["port"].Text());
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Every_deployment_probes_readiness_and_liveness_on_the_health_endpoints(string project)
    {
        var container = KubernetesManifests.OnlyContainer(KubernetesManifests.Get("Deployment", Repository.Host(project).Service));
        var ports = container.Sequence("ports").Mappings().SelectMany(p => new[] { p["name"].Text(), p["containerPort"].Text() }).ToHashSet();

        foreach (var (probe, path) in new[] { ("readinessProbe", "/health/ready"), ("livenessProbe", "/health/live"), ("startupProbe", "/health/live") })
        {
            var httpGet = container.Mapping(probe).Mapping("httpGet");
            Assert.Equal(path, httpGet["path"].Text());
            Assert.Contains(httpGet["port"].Text(), ports);
        }
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Every_deployment_gives_its_pod_longer_to_stop_than_the_host_gives_itself(string project)
    {
        var grace = KubernetesManifests.PodSpec(KubernetesManifests.Get("Deployment", Repository.Host(project).Service))["terminationGracePeriodSeconds"].Text();

        Assert.True(int.TryParse(grace, out var seconds) && TimeSpan.FromSeconds(seconds) > Repository.HostShutdownTimeout(),
            $"terminationGracePeriodSeconds is {grace ?? "unset (30)"}: Kubernetes would kill the host before its own shutdown timeout of {Repository.HostShutdownTimeout()} has let it finish.");
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Every_deployment_runs_as_a_non_root_user_without_privileges(string project)
    {
        var deployment = KubernetesManifests.Get("Deployment", Repository.Host(project).Service);
        var pod = KubernetesManifests.PodSpec(deployment).Mapping("securityContext");
        var container = KubernetesManifests.OnlyContainer(deployment).Mapping("securityContext");

        Assert.Equal("true", pod["runAsNonRoot"].Text());
        Assert.True(long.TryParse(pod["runAsUser"].Text(), out var user) && user > 0, "runAsUser must be a non-zero uid.");
        Assert.Equal("false", container["allowPrivilegeEscalation"].Text());
        Assert.Equal("true", container["readOnlyRootFilesystem"].Text());
        Assert.Equal(["ALL"], container.Mapping("capabilities").Sequence("drop").Texts());
        Assert.Equal("false", KubernetesManifests.PodSpec(deployment)["automountServiceAccountToken"].Text());
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Every_deployment_requests_and_limits_its_resources(string project)
    {
        var resources = KubernetesManifests.OnlyContainer(KubernetesManifests.Get("Deployment", Repository.Host(project).Service)).Mapping("resources");
        foreach (var section in new[] { "requests", "limits" })
        {
            Assert.NotNull(resources.Mapping(section)["cpu"]);
            Assert.NotNull(resources.Mapping(section)["memory"]);
        }
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Every_deployment_reads_the_shared_settings_its_own_secret_and_the_directory(string project)
    {
        var host = Repository.Host(project);
        var deployment = KubernetesManifests.Get("Deployment", host.Service);
        var container = KubernetesManifests.OnlyContainer(deployment);

        var configMaps = container.Sequence("envFrom").Mappings().Select(e => e["configMapRef"]?["name"].Text()).OfType<string>().ToList();
        var secrets = container.Sequence("envFrom").Mappings().Select(e => e["secretRef"]?["name"].Text()).OfType<string>().ToList();
        Assert.Equal(["finsam-shared"], configMaps);
        Assert.Equal(["finsam-shared", $"finsam-{host.Service}"], secrets);
        foreach (var name in configMaps)
        {
            KubernetesManifests.Get("ConfigMap", name);
        }

        foreach (var name in secrets)
        {
            KubernetesManifests.Get("Secret", name);
        }

        var environmentName = KubernetesManifests.Entries(KubernetesManifests.Get("ConfigMap", "finsam-shared"))["ASPNETCORE_ENVIRONMENT"];
        var mount = Assert.Single(container.Sequence("volumeMounts").Mappings(), m => m["mountPath"].Text() == $"/app/appsettings.{environmentName}.json");
        var volume = Assert.Single(KubernetesManifests.PodSpec(deployment).Sequence("volumes").Mappings(), v => v["name"].Text() == mount["name"].Text());
        var directory = KubernetesManifests.Get("ConfigMap", volume.Mapping("configMap")["name"].Text()!);
        Assert.Contains(mount["subPath"].Text()!, KubernetesManifests.Entries(directory).Keys);
    }

    [Fact]
    public void The_audit_service_runs_exactly_one_replica_recreated_and_never_autoscaled()
    {
        var audit = KubernetesManifests.Get("Deployment", "audit");
        var spec = audit.Document.Mapping("spec");
        Assert.Equal("1", spec["replicas"].Text());
        Assert.Equal("Recreate", spec.Mapping("strategy")["type"].Text());
        Assert.DoesNotContain(
            KubernetesManifests.OfKind("HorizontalPodAutoscaler"),
            hpa => hpa.Document["spec"]?["scaleTargetRef"]?["name"].Text() == "audit");
        Assert.Contains("single writer", Repository.Read(audit.File), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Every_host_but_the_single_writers_is_autoscaled_on_cpu(string project)
    {
        var host = Repository.Host(project);
        if (host.IsSingleWriter)
        {
            return;
        }

        var autoscaler = Assert.Single(
            KubernetesManifests.OfKind("HorizontalPodAutoscaler"),
            hpa => hpa.Document["spec"]?["scaleTargetRef"]?["name"].Text() == host.Service);
        var spec = autoscaler.Document.Mapping("spec");
        Assert.Equal("Deployment", spec.Mapping("scaleTargetRef")["kind"].Text());
        Assert.True(long.Parse(spec["minReplicas"].Text()!, System.Globalization.CultureInfo.InvariantCulture) >= 2);
        // With an autoscaler, the Deployment leaves the count to it: a replicas field would reset it at each apply.
        Assert.Null(KubernetesManifests.Get("Deployment", host.Service).Document.Mapping("spec")["replicas"]);
    }

    [Fact]
    public void Every_service_selects_the_pods_of_its_deployment()
    {
        foreach (var service in KubernetesManifests.OfKind("Service"))
        {
            var deployment = KubernetesManifests.Get("Deployment", service.Name);
            var labels = deployment.Document.Mapping("spec").Mapping("template").Mapping("metadata").Mapping("labels");
            var selector = service.Document.Mapping("spec").Mapping("selector");
            Assert.NotEmpty(selector);
            foreach (var (key, value) in selector)
            {
                Assert.Equal(value.Text(), labels[key].Text());
            }

            Assert.Equal(selector.ToJsonString(), deployment.Document.Mapping("spec").Mapping("selector").Mapping("matchLabels").ToJsonString());
            var portNames = KubernetesManifests.OnlyContainer(deployment).Sequence("ports").Mappings().Select(p => p["name"].Text()).ToList();
            foreach (var port in service.Document.Mapping("spec").Sequence("ports").Mappings())
            {
                Assert.Contains(port["targetPort"].Text(), portNames);
            }
        }
    }

    [Fact]
    public void Every_service_address_in_the_shared_settings_names_a_kubernetes_service()
    {
        var settings = KubernetesManifests.Entries(KubernetesManifests.Get("ConfigMap", "finsam-shared"));
        foreach (var host in Repository.Hosts.Where(h => !h.IsGateway))
        {
            Assert.Equal($"http://{host.Service}:8080/", settings.GetValueOrDefault($"Finsam__Services__{host.Service}"));
        }

        Assert.Equal("sqlserver", settings["Finsam__Database__Provider"]);
        Assert.Equal("rabbitmq", settings["Finsam__Messaging__Transport"]);
        Assert.Equal("false", settings["Finsam__Grants__EphemeralKeys"]);
    }

    [Fact]
    public void Every_grant_issuer_has_its_signing_key_in_its_own_secret_and_its_public_key_shared()
    {
        var settings = KubernetesManifests.Entries(KubernetesManifests.Get("ConfigMap", "finsam-shared"));
        var issuers = Repository.ConsentCallers();
        Assert.Contains("gateway", issuers);
        foreach (var issuer in issuers)
        {
            Assert.Contains($"Finsam__Grants__PublicKeys__{issuer}", settings.Keys);
            Assert.Contains($"Finsam__Grants__SigningKeys__{issuer}", KubernetesManifests.Entries(KubernetesManifests.Get("Secret", $"finsam-{issuer}")).Keys);
        }

        foreach (var secret in KubernetesManifests.OfKind("Secret"))
        {
            foreach (var key in KubernetesManifests.Entries(secret).Keys.Where(k => k.StartsWith("Finsam__Grants__SigningKeys__", StringComparison.Ordinal)))
            {
                Assert.Equal($"finsam-{key["Finsam__Grants__SigningKeys__".Length..]}", secret.Name);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Every_host_has_its_connection_string_in_its_own_secret(string project)
    {
        var host = Repository.Host(project);
        var secret = KubernetesManifests.Entries(KubernetesManifests.Get("Secret", $"finsam-{host.Service}"));
        Assert.Contains($"Database=finsam_{host.Service};", secret[$"ConnectionStrings__{host.Service}"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_gateway_in_kubernetes_signs_people_in_with_openid_connect_not_the_development_identity()
    {
        var environment = KubernetesManifests.OnlyContainer(KubernetesManifests.Get("Deployment", "gateway")).Sequence("env").Mappings()
            .ToDictionary(e => e["name"].Text()!, e => e["value"].Text());
        Assert.Equal("false", environment["Finsam__DevIdentity__Enabled"]);
        Assert.StartsWith("https://", environment["Finsam__Authentication__Authority"], StringComparison.Ordinal);
        Assert.DoesNotContain(
            KubernetesManifests.All.Where(m => m.Kind is "ConfigMap" or "Secret").SelectMany(m => KubernetesManifests.Entries(m)),
            entry => entry.Key == "Finsam__DevIdentity__Enabled" && entry.Value == "true");
    }

    [Fact]
    public void The_web_interface_in_kubernetes_signs_people_in_with_openid_connect_and_talks_only_to_the_gateway()
    {
        var deployment = KubernetesManifests.Get("Deployment", "web");
        var container = KubernetesManifests.OnlyContainer(deployment);
        var environment = container.Sequence("env").Mappings().ToDictionary(e => e["name"].Text()!, e => e["value"].Text());

        Assert.Equal("false", environment["Finsam__DevIdentity__Enabled"]);
        Assert.StartsWith("https://", environment["Finsam__Web__Authentication__Authority"], StringComparison.Ordinal);
        Assert.Equal("http://gateway:8080/", environment["Finsam__Web__Gateway"]);
        KubernetesManifests.Get("Service", "gateway");
        Assert.DoesNotContain(environment.Keys, key => key.StartsWith("Finsam__Services__", StringComparison.Ordinal) || key.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
        Assert.Contains("Finsam__Web__Authentication__ClientSecret", KubernetesManifests.Entries(KubernetesManifests.Get("Secret", "finsam-web")).Keys);
        Assert.Equal("/health/ready", container.Mapping("readinessProbe").Mapping("httpGet")["path"].Text());
        Assert.Equal("true", container.Mapping("securityContext")["readOnlyRootFilesystem"].Text());
    }

    [Fact]
    public void The_web_interface_runs_one_replica_while_its_cookie_keys_live_in_memory()
    {
        var web = KubernetesManifests.Get("Deployment", "web");
        Assert.Equal("1", web.Document.Mapping("spec")["replicas"].Text());
        Assert.DoesNotContain(KubernetesManifests.OfKind("HorizontalPodAutoscaler"), hpa => hpa.Document["spec"]?["scaleTargetRef"]?["name"].Text() == "web");
    }

    [Fact]
    public void Every_kubernetes_secret_holds_placeholders_only()
    {
        var secrets = KubernetesManifests.OfKind("Secret").ToList();
        Assert.NotEmpty(secrets);
        foreach (var secret in secrets)
        {
            Assert.Null(secret.Document["data"]); // base64 would hide what is in it
            foreach (var (key, value) in KubernetesManifests.Entries(secret))
            {
                Assert.True(value.Contains("REPLACE-ME", StringComparison.Ordinal), $"{secret}: {key} must be a REPLACE-ME placeholder.");
            }
        }
    }

    [Fact]
    public void The_directory_config_map_holds_units_and_staff_who_belong_to_them()
    {
        var entries = KubernetesManifests.Entries(KubernetesManifests.Get("ConfigMap", "finsam-directory"));
        var directory = JsonNode.Parse(Assert.Single(entries).Value)?["Finsam"]?["Directory"];
        var units = directory.Sequence("Units").Mappings().Select(u => u["Id"].Text()).ToHashSet();
        var staff = directory.Sequence("Staff").Mappings().ToList();
        Assert.NotEmpty(units);
        Assert.NotEmpty(staff);
        foreach (var member in staff)
        {
            Assert.Contains(member["UnitId"].Text(), units);
        }
    }
}
