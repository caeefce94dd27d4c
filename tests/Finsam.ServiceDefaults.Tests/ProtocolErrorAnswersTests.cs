using System.Text;
using Finsam.ServiceDefaults.Hosting;

namespace Finsam.ServiceDefaults.Tests;

/// <summary>Only Kestrel's own headers-only refusal is rewritten; whatever else an armed connection writes goes out as it came.</summary>
public sealed class ProtocolErrorAnswersTests
{
    private static byte[]? Rewrite(string written) => ProtocolErrorAnswers.Rewrite(Encoding.ASCII.GetBytes(written));

    [Fact]
    public void A_headers_only_refusal_gets_a_problem_details_body_and_keeps_its_status_and_headers()
    {
        var answer = Encoding.UTF8.GetString(Rewrite("HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\nDate: Wed, 02 Dec 2026 13:00:00 GMT\r\n\r\n")!);

        Assert.StartsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n", answer, StringComparison.Ordinal);
        Assert.Contains("Connection: close\r\n", answer, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json\r\n", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Content-Length: 0\r\n", answer, StringComparison.Ordinal);
        var problem = System.Text.Json.Nodes.JsonNode.Parse(answer[(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..])!;
        Assert.Equal(431, problem["status"]!.GetValue<int>());
        Assert.Equal("Begäran kunde inte läsas", problem["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json\r\nContent-Length: 2\r\n\r\n{}")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\ntrailing bytes")]
    [InlineData("0\r\n\r\n")]
    [InlineData("")]
    public void Anything_else_is_not_rewritten(string written) => Assert.Null(Rewrite(written));
}
