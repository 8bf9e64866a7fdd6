using System.Diagnostics;
using System.Globalization;
using System.Text;
using Menshen.Shell.Audit;
using Menshen.Shell.Cli;
using Menshen.Shell.Config;
using Menshen.Shell.Hosting;
using Menshen.Shell.Storage;
using Microsoft.Extensions.Logging;

namespace Menshen.AllocBench;

/// `--tail N`: where the slowest 1 % of one client's requests come from. N sequential requests
/// straight to the simulator, then N through an in-process gateway (bodies on) while TailListener
/// records GC pauses, audit writer batches, console flushes and new pool threads; for each kind,
/// the share of the slowest 1 % that overlap one, against the share of all requests that do (the
/// rate by chance).
public static class TailRun
{
    private const string Body =
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":" +
        "\"You are a helpful assistant.\"},{\"role\":\"user\",\"content\":" +
        "\"Summarise the plot of Hamlet in two sentences.\"}]}";

    public static async Task<string> RunAsync(AllocOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("menshen-tail");
        var simPort = AllocRun.FreePort();
        using var simulator = Process.Start(new ProcessStartInfo(options.Simulator!,
            ["--listen", $"127.0.0.1:{simPort}", "--fast"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            return await MeasureAsync(options, folder.FullName, simPort);
        }
        finally
        {
            simulator.Kill();
            await simulator.WaitForExitAsync();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<string> MeasureAsync(AllocOptions options, string folder, int simPort)
    {
        var body = Encoding.UTF8.GetBytes(Body);
        var direct = new Uri($"http://127.0.0.1:{simPort}/v1/chat/completions");
        await AllocRun.WaitUpAsync(direct);
        var directSamples = await TimeAsync(direct, body, options.Tail);

        var config = ConfigLoader.LoadText(AllocRun.Toml(folder, simPort, options.Bodies),
            "tail.toml", new Dictionary<string, string>())
            .Match(c => c, e => throw new InvalidOperationException(string.Join("; ", e)));
        using var loggers = ServerLogging.CreateFactory(LogFormat.Text, verbose: false);
        using var database = AuditDatabase.Open(config.Storage.SqlitePath,
            loggers.CreateLogger("tail"));
        var writerOptions = options.GatherMs < 0 ? new AuditWriterOptions()
            : new AuditWriterOptions { Gather = TimeSpan.FromMilliseconds(options.GatherMs) };
        var writer = new AuditWriter(database, writerOptions, loggers.CreateLogger<AuditWriter>());
        await using var _ = writer;
        var hostOptions = new GatewayHostOptions
        {
            Sink = new RequestLogSink(writer, loggers.CreateLogger<RequestLogSink>()),
            CacheStore = new AuditCacheStore(new AuditReader(database)),
            AuditWriter = writer,
        };
        await using var host = await GatewayHost.StartAsync(config, hostOptions);
        var gateway = new Uri(host.BaseAddress, "/v1/chat/completions");
        using var listener = new TailListener();
        var samples = await TimeAsync(gateway, body, options.Tail);
        while (writer.QueueDepth > 0) await Task.Delay(10);
        await Task.Delay(1000); // the runtime's events arrive through a buffer
        return $"writer gather {writerOptions.Gather.TotalMilliseconds} ms\n" +
            Report(directSamples, samples, listener.Intervals());
    }

    // N sequential requests on one connection after 2,000 warm-up: (start, end) in UTC ticks.
    private static async Task<List<(long Start, long End)>> TimeAsync(Uri url, byte[] body, int n)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var buffer = new byte[64 * 1024];
        for (var i = 0; i < 2000; i++) await AllocRun.SendAsync(client, url, body, buffer);
        var samples = new List<(long, long)>(n);
        for (var i = 0; i < n; i++)
        {
            var start = DateTime.UtcNow.Ticks;
            await AllocRun.SendAsync(client, url, body, buffer);
            samples.Add((start, DateTime.UtcNow.Ticks));
        }
        return samples;
    }

    private static string Report(List<(long Start, long End)> direct,
        List<(long Start, long End)> gateway,
        IReadOnlyDictionary<string, List<(long Start, long End)>> intervals)
    {
        var text = new StringBuilder();
        var (dp50, dp99) = (Percentile(direct, 50), Percentile(direct, 99));
        var (gp50, gp99) = (Percentile(gateway, 50), Percentile(gateway, 99));
        Line(text, $"one client, {gateway.Count} sequential requests (in-process gateway, JIT)");
        Line(text, $"direct  p50 {dp50:F3} ms  p99 {dp99:F3} ms");
        Line(text, $"gateway p50 {gp50:F3} ms  p99 {gp99:F3} ms  added p50 {gp50 - dp50:F3} " +
            $"p99 {gp99 - dp99:F3} ms");
        var slow = gateway.OrderByDescending(s => s.End - s.Start)
            .Take(Math.Max(1, gateway.Count / 100)).ToList();
        Line(text, "kind: count, mean ms; share of the slowest 1 % overlapping one | share of all");
        foreach (var (kind, list) in intervals)
        {
            var mean = list.Count == 0 ? 0 : list.Average(i => i.End - i.Start) / 1e4;
            Line(text, $"  {kind,-18} {list.Count,6} {mean,7:F3} ms  slow {Share(slow, list),5:P0}" +
                $" | all {Share(gateway, list),5:P0}");
        }
        var any = intervals.Values.SelectMany(l => l).ToList();
        Line(text, $"  {"any of them",-18} {"",6} {"",10} slow {Share(slow, any),5:P0}" +
            $" | all {Share(gateway, any),5:P0}");
        var clear = gateway.Where(s => !Overlaps(s, intervals["writer batch"])).ToList();
        Line(text, $"requests overlapping no writer batch: {clear.Count}, p99 " +
            $"{Percentile(clear, 99):F3} ms");
        var noCommit = gateway.Where(s => !Overlaps(s, intervals["writer commit"])).ToList();
        Line(text, $"requests overlapping no writer commit: {noCommit.Count}, p99 " +
            $"{Percentile(noCommit, 99):F3} ms");
        return text.ToString();
    }

    private static double Share(List<(long Start, long End)> requests,
        List<(long Start, long End)> intervals) =>
        requests.Count(r => Overlaps(r, intervals)) / (double)Math.Max(1, requests.Count);

    private static bool Overlaps((long Start, long End) r, List<(long Start, long End)> sorted)
    {
        // intervals are sorted by start; find the last one starting before the request ends
        int lo = 0, hi = sorted.Count - 1, last = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid].Start < r.End) { last = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        for (var i = last; i >= 0 && i > last - 8; i--)
            if (sorted[i].End > r.Start) return true;
        return false;
    }

    private static double Percentile(List<(long Start, long End)> samples, int p)
    {
        if (samples.Count == 0) return 0;
        var sorted = samples.Select(s => (s.End - s.Start) / 1e4).Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(sorted.Count * p / 100.0) - 1, 0,
            sorted.Count - 1)];
    }

    private static void Line(StringBuilder text, string line) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"{line}");
}
