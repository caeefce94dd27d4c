namespace Finsam.Deployment.Tests;

/// <summary>The other tests check every host found in the code; this one checks that the search finds them.</summary>
public sealed class HostsTests
{
    [Fact]
    public void The_hosts_are_the_web_applications_under_services_and_gateway_each_with_its_own_name()
    {
        var projects = Repository.Hosts.Select(h => h.Project).ToList();
        Assert.Contains("Finsam.Gateway", projects);
        Assert.Contains("Finsam.Audit", projects);
        Assert.DoesNotContain("Finsam.Audit.Verify", projects); // a command-line tool, not a host
        Assert.DoesNotContain("Finsam.ServiceDefaults", projects);
        Assert.Equal(Repository.Hosts.Count, Repository.Hosts.Select(h => h.Service).Distinct().Count());
        Assert.Equal("healthcare", Repository.Host("Finsam.HealthCare").Service);
    }
}
