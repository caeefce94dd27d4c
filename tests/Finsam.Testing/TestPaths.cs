namespace Finsam.Testing;

public static class TestPaths
{
    /// <summary>The repository a test assembly was built in: it runs from <c>tests/Finsam.X.Tests/bin/{configuration}/{framework}/</c>.</summary>
    public static string RepositoryRoot { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
}
