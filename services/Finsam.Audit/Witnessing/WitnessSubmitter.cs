using System.Globalization;
using System.Net;
using Finsam.Audit.Checkpoints;
using Finsam.Audit.Proofs;
using Finsam.ServiceDefaults.Data;
using Finsam.Transparency;
using Microsoft.Extensions.Options;

namespace Finsam.Audit.Witnessing;

/// <summary>What a witness answered to the newest tree head.</summary>
public enum WitnessAnswer
{
    /// <summary>It had cosigned this size already.</summary>
    AlreadyCosigned,

    /// <summary>It cosigned, and the cosignature verified with its configured key and was stored.</summary>
    Cosigned,

    /// <summary>It refused (a fork, a bad proof, an unknown log or key): evidence to look into, logged as an error.</summary>
    Refused,

    /// <summary>It could not be reached, or answered nonsense; tried again at the next round.</summary>
    Unavailable,
}

/// <summary>
/// Offers the log's newest signed tree head to each configured witness (c2sp.org/tlog-witness) with a consistency proof from
/// the last size that witness cosigned, and keeps the cosignatures that verify with the witness's configured key. Runs
/// every <see cref="AuditOptions.WitnessInterval"/>; outside the writer, so a slow witness never holds up the audit log.
/// </summary>
public sealed partial class WitnessSubmitter(
    ServiceDatabase<AuditService> database, IHttpClientFactory clients, IOptions<AuditOptions> options, ILogger<WitnessSubmitter> logger) : BackgroundService
{
    public const string ClientName = "audit-witnesses";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Witnesses.Count == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.WitnessInterval);
        do
        {
            try
            {
                await SubmitAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRoundFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round: each witness's answer to the newest tree head, by witness name.</summary>
    public async Task<IReadOnlyDictionary<string, WitnessAnswer>> SubmitAsync(CancellationToken cancellationToken)
    {
        var answers = new Dictionary<string, WitnessAnswer>();
        SignedTreeHead? head;
        await using (var session = await database.ConnectAsync(cancellationToken))
        {
            head = await TreeHeadStore.LatestAsync(session);
        }

        if (head is null)
        {
            return answers;
        }

        foreach (var witness in options.Value.Witnesses)
        {
            var key = NoteVerifierKey.Parse(witness.VerifierKey)!;
            answers[key.Name] = await SubmitAsync(head, witness.Url, key, cancellationToken);
        }

        return answers;
    }

    private async Task<WitnessAnswer> SubmitAsync(SignedTreeHead head, string url, NoteVerifierKey witness, CancellationToken cancellationToken)
    {
        long oldSize;
        await using (var session = await database.ConnectAsync(cancellationToken))
        {
            oldSize = await CosignatureStore.LastCosignedSizeAsync(session, witness.Name);
        }

        if (oldSize == head.TreeSize)
        {
            return WitnessAnswer.AlreadyCosigned;
        }

        // A witness that holds another size than we recorded (our cosignature was lost, or it was reset) says which: one more try from there.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (oldSize > head.TreeSize)
            {
                LogWitnessAhead(logger, witness.Name, oldSize, head.TreeSize);
                return WitnessAnswer.Refused;
            }

            List<byte[]> proof;
            await using (var session = await database.ConnectAsync(cancellationToken))
            {
                proof = oldSize == 0 ? [] : await TreeStore.ConsistencyProofAsync(session, oldSize, head.TreeSize);
            }

            using var content = new StringContent(new AddCheckpointRequest(oldSize, proof, head.Note).Format(), System.Text.Encoding.UTF8, "text/plain");
            HttpResponseMessage response;
            try
            {
                response = await clients.CreateClient(ClientName).PostAsync(new Uri(url.TrimEnd('/') + "/add-checkpoint"), content, cancellationToken);
            }
            catch (HttpRequestException exception)
            {
                LogUnavailable(logger, witness.Name, exception.Message);
                return WitnessAnswer.Unavailable;
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.StatusCode == HttpStatusCode.Conflict && response.Content.Headers.ContentType?.MediaType == "text/x.tlog.size" &&
                    long.TryParse(body.TrimEnd('\n'), NumberStyles.None, CultureInfo.InvariantCulture, out var held) && held != oldSize)
                {
                    oldSize = held;
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    LogRefused(logger, witness.Name, head.TreeSize, oldSize, (int)response.StatusCode);
                    return WitnessAnswer.Refused;
                }

                var line = body.Split('\n').Select(l => l + "\n").FirstOrDefault(l => Cosignatures.CosignedAt(head.Note + l, witness) is not null);
                if (line is null)
                {
                    LogUnverifiable(logger, witness.Name, head.TreeSize);
                    return WitnessAnswer.Unavailable;
                }

                await using var session = await database.BeginAsync(cancellationToken);
                await CosignatureStore.InsertAsync(session, head.TreeSize, witness.Name, line);
                await session.CommitAsync();
                return WitnessAnswer.Cosigned;
            }
        }

        return WitnessAnswer.Refused;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Witness {Witness} refused the audit log's tree head of size {Size} (proof from {OldSize}): HTTP {Status}. A fork or a bad proof means the log's history changed: investigate")]
    private static partial void LogRefused(ILogger logger, string witness, long size, long oldSize, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Witness {Witness} holds size {WitnessSize}, beyond the audit log's newest tree head {Size}: the log has gone back. Investigate")]
    private static partial void LogWitnessAhead(ILogger logger, string witness, long witnessSize, long size);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Witness {Witness} could not be reached ({Reason}); trying again at the next round")]
    private static partial void LogUnavailable(ILogger logger, string witness, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Witness {Witness} answered the tree head of size {Size} without a cosignature its configured key verifies")]
    private static partial void LogUnverifiable(ILogger logger, string witness, long size);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offering the audit log's tree head to its witnesses failed; trying again at the next round")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
