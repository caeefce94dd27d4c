using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Finsam.Deployment.Tests;

/// <summary>deploy/docker/Dockerfile builds every host: Release publish in the SDK, a small non-root runtime image.</summary>
public sealed partial class DockerfileTests
{
    private const string DockerfilePath = "deploy/docker/Dockerfile";

    private static readonly Lazy<Dockerfile> Parsed = new(() => Dockerfile.Parse(Repository.Read(DockerfilePath)));

    private static readonly string[] RootUsers = ["root", "0", "0:0"];

    private static Dockerfile File => Parsed.Value;

    public static TheoryData<string> Hosts() => Repository.HostProjects();

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Every_host_is_published_by_the_dockerfile(string project)
    {
        var host = Repository.Host(project);
        Assert.Contains(host.Folder, File.PublishedProjects);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void The_dockerfile_copies_every_project_a_host_needs_before_restoring(string project)
    {
        var host = Repository.Host(project);
        foreach (var needed in ProjectClosure($"{host.Folder}/{host.Project}.csproj"))
        {
            Assert.Contains(needed, File.CopiedProjectFiles);
        }
    }

    [Fact]
    public void Every_project_the_dockerfile_builds_exists()
    {
        Assert.NotEmpty(File.PublishedProjects);
        foreach (var folder in File.PublishedProjects)
        {
            var projectFile = $"{folder}/{Path.GetFileName(folder)}.csproj";
            Assert.True(Repository.Exists(projectFile), $"The Dockerfile publishes {folder}, but {projectFile} does not exist.");
            Assert.Contains(projectFile, File.CopiedProjectFiles);
        }

        foreach (var projectFile in File.CopiedProjectFiles)
        {
            Assert.True(Repository.Exists(projectFile), $"The Dockerfile copies {projectFile}, which does not exist.");
        }
    }

    [Fact]
    public void Every_image_compose_builds_comes_from_an_existing_dockerfile_and_names_a_host_it_publishes()
    {
        var compose = ComposeFile.Instance;
        foreach (var service in compose.ServiceNames.Where(s => compose.Service(s)["build"] is not null))
        {
            var build = compose.Service(service).Mapping("build");
            Assert.Equal(".", build["context"].Text());
            Assert.Equal(DockerfilePath, build["dockerfile"].Text());
            Assert.Contains(build["args"]?["HOST"].Text(), File.PublishedProjects.Select(Path.GetFileName));
        }
    }

    [Fact]
    public void The_image_is_published_in_release_and_runs_as_a_non_root_user()
    {
        Assert.True(File.Stages.Count >= 2, "Expected a multi-stage build.");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", File.Stages[0].Image, StringComparison.Ordinal);
        var runtime = File.Stages[^1];
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", runtime.Image, StringComparison.Ordinal);
        Assert.Matches(@"dotnet publish .* -c Release\b", File.PublishCommand);

        var user = runtime.Instructions.LastOrDefault(i => i.Keyword == "USER")?.Arguments;
        Assert.NotNull(user);
        Assert.DoesNotContain(user, RootUsers);
        Assert.Matches("^(\\$APP_UID|\\$\\{APP_UID\\}|[1-9][0-9]*)$", user);
        // The health checks in docker-compose.yml run wget inside the container: the runtime image must have it.
        Assert.Contains("-alpine", runtime.Image, StringComparison.Ordinal);
    }

    [Fact]
    public void The_build_context_leaves_out_build_output_tests_and_secrets()
    {
        var ignored = Repository.Read(".dockerignore").Split('\n').Select(line => line.Trim()).ToHashSet(StringComparer.Ordinal);
        foreach (var pattern in new[] { "**/bin", "**/obj", ".git/", "tests/", "deploy/compose/", "deploy/k8s/" })
        {
            Assert.Contains(pattern, ignored);
        }
    }

    /// <summary>A project file and every project file it references, transitively, relative to the root.</summary>
    private static SortedSet<string> ProjectClosure(string projectFile)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([projectFile]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            var folder = Path.GetDirectoryName(Repository.PathOf(current))!;
            foreach (var reference in XDocument.Load(Repository.PathOf(current)).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")?.Value.Replace('\\', '/') ?? "";
                pending.Push(Repository.Relative(Path.GetFullPath(Path.Combine(folder, include))));
            }
        }

        return seen;
    }

    private sealed record Instruction(string Keyword, string Arguments);

    private sealed record Stage(string Image, List<Instruction> Instructions);

    private sealed partial record Dockerfile(List<Stage> Stages)
    {
        public IEnumerable<Instruction> All => Stages.SelectMany(s => s.Instructions);

        /// <summary>Source paths of the COPY lines that bring in project files for the restore.</summary>
        public IReadOnlyList<string> CopiedProjectFiles =>
        [
            .. All.Where(i => i.Keyword == "COPY")
                .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(part => part.EndsWith(".csproj", StringComparison.Ordinal)),
        ];

        public string PublishCommand =>
            All.SingleOrDefault(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal))?.Arguments
            ?? throw new Xunit.Sdk.XunitException("No RUN with dotnet publish.");

        /// <summary>The project folders the publish loop names (gateway/Finsam.Gateway, …).</summary>
        public IReadOnlyList<string> PublishedProjects => [.. ProjectFolder().Matches(PublishCommand).Select(m => m.Value)];

        public static Dockerfile Parse(string text)
        {
            var stages = new List<Stage>();
            // Joins continued lines and drops comments, as Docker reads the file.
            var logical = ContinuedLine().Replace(text, " ")
                .Split('\n')
                .Select(line => line.Trim())
                .Where(line => line.Length > 0 && !line.StartsWith('#'));
            foreach (var line in logical)
            {
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                var instruction = new Instruction(line[..space].ToUpperInvariant(), WhiteSpace().Replace(line[(space + 1)..], " "));
                if (instruction.Keyword == "FROM")
                {
                    stages.Add(new Stage(instruction.Arguments.Split(' ')[0], []));
                }
                else if (stages.Count > 0)
                {
                    stages[^1].Instructions.Add(instruction);
                }
            }

            return new Dockerfile(stages);
        }

        [GeneratedRegex(@"\\\r?\n(\s*#[^\n]*\n)*")]
        private static partial Regex ContinuedLine();

        [GeneratedRegex(@"\s+")]
        private static partial Regex WhiteSpace();

        [GeneratedRegex(@"(?<=\s)(services|gateway|web|deploy)/Finsam\.[A-Za-z.]+(?=\s|;)")]
        private static partial Regex ProjectFolder();
    }
}
