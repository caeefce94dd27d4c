using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NJsonSchema.CodeGeneration.CSharp;

namespace Finsam.EndToEnd.Tests;

/// <summary>
/// What an outside client does with the public contract: generate a typed client from <c>/openapi/v1.json</c> with
/// NSwag and compile it. The web itself compiles against the contract's own types (docs/adr/0018); this proves
/// the document is complete enough for anyone else, and the generated client then talks to the running gateway.
/// </summary>
public sealed class GeneratedClientTests(GeneratedClientTests.App app) : IClassFixture<GeneratedClientTests.App>
{
    /// <summary>The embedded default with the client generated from its document once, for every test of the class.</summary>
    public sealed class App : FinsamApp
    {
        private Task<(OpenApiDocument Document, Assembly Assembly)>? _generated;

        public Task<(OpenApiDocument Document, Assembly Assembly)> Generated => _generated ??= GenerateAsync(this);
    }

    [Fact]
    public async Task A_client_generated_from_the_contract_compiles_without_errors_and_has_a_method_per_operation()
    {
        var (document, assembly) = await app.Generated;

        var client = assembly.GetType("Generated.GatewayClient")!;
        var methods = client.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.DeclaringType == client && m.Name.EndsWith("Async", StringComparison.Ordinal) && m.GetParameters().LastOrDefault()?.ParameterType == typeof(CancellationToken))
            .ToList();
        Assert.Equal(document.Operations.Count(), methods.Count);
    }

    [Fact]
    public async Task The_generated_client_reads_a_typed_answer_from_the_running_gateway()
    {
        var (_, assembly) = await app.Generated;
        using var http = app.CreateClient();
        var client = Activator.CreateInstance(assembly.GetType("Generated.GatewayClient")!, http)!;

        // GET /dev/users, typed: a collection of the generated DevUser with the staff of the demo county.
        var users = await InvokeAsync(client, "UsersAsync");

        var names = ((System.Collections.IEnumerable)users!).Cast<object>().Select(u => (string)u.GetType().GetProperty("Name")!.GetValue(u)!).ToList();
        Assert.Contains("Anna Lind", names);
    }

    private static async Task<(OpenApiDocument Document, Assembly Assembly)> GenerateAsync(FinsamApp app)
    {
        using var http = app.CreateClient();
        var json = await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);
        var document = await OpenApiDocument.FromJsonAsync(json, TestContext.Current.CancellationToken);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "GatewayClient",
            GenerateClientInterfaces = false,
            UseBaseUrl = false,
            CSharpGeneratorSettings = { Namespace = "Generated", JsonLibrary = CSharpJsonLibrary.SystemTextJson },
        };
        var code = new CSharpClientGenerator(document, settings).GenerateFile();

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "Generated", [CSharpSyntaxTree.ParseText(code, cancellationToken: TestContext.Current.CancellationToken)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image, cancellationToken: TestContext.Current.CancellationToken);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(emitted.Success, string.Join(Environment.NewLine, errors.Take(20)));
        return (document, Assembly.Load(image.ToArray()));
    }

    private static async Task<object?> InvokeAsync(object client, string method)
    {
        var task = (Task)client.GetType().GetMethod(method, [typeof(CancellationToken)])!.Invoke(client, [TestContext.Current.CancellationToken])!;
        await task;
        return task.GetType().GetProperty("Result")!.GetValue(task);
    }
}
