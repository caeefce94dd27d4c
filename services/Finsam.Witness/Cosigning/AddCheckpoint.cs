using System.Text;
using Finsam.Transparency;
using Microsoft.Extensions.Options;

namespace Finsam.Witness.Cosigning;

/// <summary><c>POST /witness/add-checkpoint</c> and the witness's verifier key, as c2sp.org/tlog-witness defines them.</summary>
public static class AddCheckpoint
{
    private const string TextPlain = "text/plain; charset=utf-8";

    public static void MapAddCheckpoint(this RouteGroupBuilder group)
    {
        group.MapPost("/add-checkpoint", HandleAsync).WithSummary("Cosign a checkpoint that extends the last one cosigned for its log");
        group.MapGet("/verifier-key", (WitnessKey key) => TypedResults.Text(key.Signer.Verifier + "\n", TextPlain))
            .WithSummary("The witness's cosignature verifier key (type 0x04)");
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, Cosigner cosigner, IOptions<WitnessOptions> options, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(request, options.Value.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            return Refused(StatusCodes.Status413PayloadTooLarge, "Begäran är för stor.");
        }

        if (AddCheckpointRequest.Parse(body) is not { } parsed)
        {
            return Refused(StatusCodes.Status400BadRequest, "Inte en add-checkpoint-begäran (c2sp.org/tlog-witness).");
        }

        return await cosigner.AddCheckpointAsync(parsed, cancellationToken) switch
        {
            CosignOutcome.Cosigned cosigned => TypedResults.Text(cosigned.CosignatureLine, TextPlain),
            CosignOutcome.Malformed malformed => Refused(StatusCodes.Status400BadRequest, malformed.Reason),
            CosignOutcome.UnknownLog => Refused(StatusCodes.Status404NotFound, "Vittnet bevittnar inte den loggen."),
            CosignOutcome.NotSignedByLog => Refused(StatusCodes.Status403Forbidden, "Kontrollpunkten är inte signerad av loggens nyckel."),
            // The protocol's answer: the size the witness holds, so that the log can send a proof from there.
            CosignOutcome.Conflict conflict => TypedResults.Text($"{conflict.CosignedSize}\n", "text/x.tlog.size", Encoding.ASCII, StatusCodes.Status409Conflict),
            CosignOutcome.BadProof => Refused(StatusCodes.Status422UnprocessableEntity, "Konsistensbeviset visar inte att kontrollpunkten bygger vidare på den senast bevittnade."),
            _ => throw new InvalidOperationException("An outcome without an answer."),
        };
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Refused(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);

    /// <summary>The body as text, or null when it is larger than <paramref name="limit"/>.</summary>
    private static async Task<string?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
