using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace Finsam.ServiceDefaults.Hosting;

/// <summary>
/// Makes the answers Kestrel writes itself (a request line or target it cannot parse, <c>%00</c> in the path, a
/// bad Host header, headers too large) problem details like every other refusal. Kestrel offers no hook for
/// their body (docs/adr/0019), so each connection's output passes through a writer that is normally a plain
/// pass-through; Kestrel's <c>BadRequest</c> diagnostic event arms it for that connection, and the headers-only
/// answer Kestrel then writes is rewritten with a body. Anything armed that is not such an answer goes out as it came.
/// </summary>
public sealed class ProtocolErrorAnswers : IObserver<KeyValuePair<string, object?>>, IDisposable
{
    public const string BadRequestEvent = "Microsoft.AspNetCore.Server.Kestrel.BadRequest";

    private readonly ConcurrentDictionary<string, ArmableWriter> _connections = new(StringComparer.Ordinal);
    private readonly IDisposable _subscription;

    public ProtocolErrorAnswers(DiagnosticListener listener) =>
        _subscription = listener.Subscribe(this, name => name == BadRequestEvent);

    /// <summary>The connection middleware: every connection's output through an armable writer.</summary>
    public async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var transport = connection.Transport;
        var writer = new ArmableWriter(transport.Output);
        _connections[connection.ConnectionId] = writer;
        connection.Transport = new Duplex(transport.Input, writer);
        try
        {
            await next(connection);
        }
        finally
        {
            _connections.TryRemove(connection.ConnectionId, out _);
            connection.Transport = transport;
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == BadRequestEvent && value.Value is IFeatureCollection features
            && features.Get<IHttpConnectionFeature>()?.ConnectionId is { } id && _connections.TryGetValue(id, out var writer))
        {
            writer.Arm();
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose() => _subscription.Dispose();

    /// <summary>Kestrel's own answer with a problem-details body, or null when the bytes are not such an answer.</summary>
    public static byte[]? Rewrite(ReadOnlySpan<byte> written)
    {
        var text = Encoding.ASCII.GetString(written);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lines = end < 0 ? [] : text[..end].Split("\r\n");
        if (lines.Length == 0 || end + 4 != text.Length || !lines[0].StartsWith("HTTP/1.", StringComparison.Ordinal)
            || lines[0].Length < 12 || !int.TryParse(lines[0].AsSpan(9, 3), out var status) || status < 400
            || !lines.Contains("Content-Length: 0", StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["type"] = "/problems/bad-request",
            ["title"] = "Begäran kunde inte läsas",
            ["status"] = status,
            ["detail"] = "Servern kunde inte tolka begäran (adress, rubriker eller format). Kontrollera den och försök igen.",
        });
        var head = new StringBuilder(lines[0]).Append("\r\n");
        foreach (var line in lines.Skip(1).Where(l => !l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)))
        {
            head.Append(line).Append("\r\n");
        }

        head.Append("Content-Type: application/problem+json\r\n")
            .Append("X-Content-Type-Options: nosniff\r\n")
            .Append("Content-Length: ").Append(body.Length).Append("\r\n\r\n");
        return [.. Encoding.ASCII.GetBytes(head.ToString()), .. body];
    }

    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    /// <summary>Passes every call straight on until armed; armed, it holds what is written until the flush.</summary>
    private sealed class ArmableWriter(PipeWriter inner) : PipeWriter
    {
        private ArrayBufferWriter<byte>? _held;

        public void Arm() => _held ??= new ArrayBufferWriter<byte>();

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes + (_held?.WrittenCount ?? 0);

        public override Memory<byte> GetMemory(int sizeHint = 0) => _held?.GetMemory(sizeHint) ?? inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => _held is null ? inner.GetSpan(sizeHint) : _held.GetSpan(sizeHint);

        public override void Advance(int bytes)
        {
            if (_held is null)
            {
                inner.Advance(bytes);
            }
            else
            {
                _held.Advance(bytes);
            }
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            Release();
            return inner.FlushAsync(cancellationToken);
        }

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null)
        {
            Release();
            inner.Complete(exception);
        }

        public override ValueTask CompleteAsync(Exception? exception = null)
        {
            Release();
            return inner.CompleteAsync(exception);
        }

        private void Release()
        {
            if (_held is not { WrittenCount: > 0 } held)
            {
                return;
            }

            if (Rewrite(held.WrittenSpan) is { } answer)
            {
                inner.Write(answer);
            }
            else
            {
                inner.Write(held.WrittenSpan);
            }

            _held = null;
        }
    }
}
