using System.Diagnostics;
using System.Globalization;
using System.Text;
using Menshen.Core.Audit;
using Menshen.Core.Config;
using Menshen.Core.Routing;
using Menshen.Core.Usage;
using Menshen.Shell.Storage;
using Menshen.Shell.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace Menshen.AllocBench;

/// The audit writer on its own: N exchanges shaped like the bench's (bodies on, usage, one attempt)
/// submitted as fast as the queue takes them; rows/s from the first submit to the drained queue.
public static class WriterCapacity
{
    private static readonly byte[] RequestBody = Encoding.UTF8.GetBytes(
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"}," +
        "{\"role\":\"user\",\"content\":\"Summarise the plot of Hamlet in two sentences.\"}]}");

    private static readonly byte[] ResponseBody = Encoding.UTF8.GetBytes(
        "{\"id\":\"chatcmpl-simfast\",\"object\":\"chat.completion\",\"created\":1795545383,\"model\":\"gpt-4o-mini\"," +
        "\"system_fingerprint\":\"fp_menshen_sim\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\"," +
        "\"content\":\"Hello from the Menshen simulator. This reply is\",\"refusal\":null},\"logprobs\":null," +
        "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":8,\"total_tokens\":9," +
        "\"prompt_tokens_details\":{\"cached_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0}}}");

    /// On a temp SQLite file, or on the PostgreSQL database at `postgres` (a postgres:// URL).
    public static async Task<string> RunAsync(int rows, string? postgres = null, int? batch = null)
    {
        var folder = Directory.CreateTempSubdirectory("menshen-writer");
        var options = batch is { } size ? new AuditWriterOptions { BatchSize = size } : new AuditWriterOptions();
        try
        {
            if (postgres is not null)
            {
                var config = new PostgresConfig(postgres, 16, Path.Combine(folder.FullName, "spool.db"));
                await using var backend = await PgBackend.OpenAsync(config, options, NullLogger.Instance);
                return await MeasureAsync(new AuditWriter(backend.Committer, options, NullLogger.Instance), rows);
            }
            using var database = AuditDatabase.Open(Path.Combine(folder.FullName, "audit.db"), NullLogger.Instance);
            return await MeasureAsync(new AuditWriter(database, options, NullLogger<AuditWriter>.Instance), rows);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<string> MeasureAsync(AuditWriter writer, int rows)
    {
        var started = Stopwatch.GetTimestamp();
        // CPU and allocations of this process per row (the samples' own making included, the
        // same on both sides of a comparison): what the writer takes from the request path.
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var firstId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        for (var i = 0; i < rows; i++) await writer.SubmitAsync(Sample(firstId + i), CancellationToken.None);
        await writer.DrainAsync();
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpuUs = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMicroseconds / rows;
        var bytes = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / rows;
        return string.Create(CultureInfo.InvariantCulture,
            $"{{\"rows\":{writer.Written},\"failed\":{writer.Failed},\"seconds\":{seconds:F3},\"rows_per_s\":{writer.Written / seconds:F0}," +
            $"\"cpu_us_per_row\":{cpuUs:F1},\"bytes_per_row\":{bytes}," +
            $"\"transactions\":{writer.Batches},\"queue_peak\":{writer.PeakQueueDepth},\"submit_waits\":{writer.SubmitWaits}}}");
    }

    private static Exchange Sample(long id) => new()
    {
        Id = id,
        StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(id / 1000),
        Method = "POST",
        Path = "/v1/chat/completions",
        Endpoint = EndpointKind.ChatCompletions,
        Provider = "simulator",
        RequestedModel = "gpt-4o-mini",
        ResolvedModel = "gpt-4o-mini",
        EffectiveModel = "gpt-4o-mini",
        Status = 200,
        DurationMs = 0.42,
        TtfbMs = 0.40,
        Attempts = [new AttemptRecord("simulator", 200, null, 0.38)],
        RequestBytes = RequestBody.Length,
        ResponseBytes = ResponseBody.Length,
        RequestBody = new CapturedBody(RequestBody, RequestBody.Length),
        ResponseBody = new CapturedBody(ResponseBody, ResponseBody.Length),
        ResponseContentType = "application/json",
        Complete = true,
        Usage = new TokenUsage(1, 8, 9, 0, 0),
        UsageSource = UsageSource.Body,
        CostUsd = 0.0000051m,
    };
}
