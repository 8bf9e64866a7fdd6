using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Menshen.Shell.Audit;
using Menshen.Shell.Cli;
using Menshen.Shell.Config;
using Menshen.Shell.Hosting;
using Menshen.Shell.Storage;
using Microsoft.Extensions.Logging;

namespace Menshen.AllocBench;

/// Starts the simulator and an in-process gateway with its real audit writer, then counts the
/// bytes allocated per request: (gateway run - client-only run) / requests.
public static class AllocRun
{
    private const string Body =
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"}," +
        "{\"role\":\"user\",\"content\":\"Summarise the plot of Hamlet in two sentences.\"}]";

    public static async Task<string> RunAsync(AllocOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("menshen-alloc");
        var simPort = FreePort();
        using var simulator = Process.Start(new ProcessStartInfo(options.Simulator!,
            [
                "--listen", $"127.0.0.1:{simPort}", "--fast",
                .. options.Chunks is { } chunks ? ["--chunks", chunks.ToString(CultureInfo.InvariantCulture)] : Array.Empty<string>(),
            ])
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
        var body = Encoding.UTF8.GetBytes(Body + (options.Stream ? ",\"stream\":true}" : "}"));
        var simulator = new Uri($"http://127.0.0.1:{simPort}/v1/chat/completions");
        await WaitUpAsync(simulator);
        // The client's own allocations, measured straight against the simulator.
        using var clientSampler = new AllocationSampler();
        var clientOnly = await CountAsync(simulator, body, options.Requests, null, 0,
            clientSampler);
        clientSampler.Dispose();
        using var sampler = new AllocationSampler();

        var config = ConfigLoader.LoadText(Toml(folder, simPort, options.Bodies), "allocbench.toml",
            new Dictionary<string, string>()).Match(c => c, errors => throw new InvalidOperationException(string.Join("; ", errors)));
        using var loggers = ServerLogging.CreateFactory(LogFormat.Text, verbose: false);
        using var database = AuditDatabase.Open(config.Storage.SqlitePath, loggers.CreateLogger("alloc"));
        var writer = new AuditWriter(database, new AuditWriterOptions(), loggers.CreateLogger<AuditWriter>());
        await using var _ = writer;
        var options2 = new GatewayHostOptions
        {
            Sink = new RequestLogSink(writer, loggers.CreateLogger<RequestLogSink>()),
            CacheStore = new AuditCacheStore(new AuditReader(database)),
            AuditWriter = writer,
        };
        await using var host = await GatewayHost.StartAsync(config, options2);
        var gateway = new Uri(host.BaseAddress, "/v1/chat/completions");
        var total = await CountAsync(gateway, body, options.Requests, writer, 0, sampler);
        var perRequest = (total - clientOnly) / (double)options.Requests;
        return Report(options, perRequest, clientOnly / (double)options.Requests, sampler,
            clientSampler);
    }

    private static async Task<long> CountAsync(
        Uri url, byte[] body, int requests, AuditWriter? writer, int unused, AllocationSampler? sampler = null)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var buffer = new byte[64 * 1024];
        for (var i = 0; i < Math.Min(2000, requests); i++) await SendAsync(client, url, body, buffer);
        await SettleAsync(writer);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        sampler?.Start();
        for (var i = 0; i < requests; i++) await SendAsync(client, url, body, buffer);
        await SettleAsync(writer);
        sampler?.Stop();
        _ = unused;
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    // Every audit row of the measured requests is committed before counting stops.
    private static async Task SettleAsync(AuditWriter? writer)
    {
        if (writer is null) return;
        while (writer.QueueDepth > 0) await Task.Delay(10);
        await Task.Delay(200);
    }

    internal static async Task SendAsync(HttpClient client, Uri url, byte[] body, byte[] buffer)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Authorization = new("Bearer", "sk-bench-client");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"status {response.StatusCode}");
        await using var stream = await response.Content.ReadAsStreamAsync();
        while (await stream.ReadAsync(buffer) > 0) { }
    }

    internal static async Task WaitUpAsync(Uri url)
    {
        using var client = new HttpClient();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var _ = await client.GetAsync(new Uri(url, "/v1/models"));
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50);
            }
        }
        throw new TimeoutException("simulator did not start");
    }

    private static string Report(AllocOptions options, double perRequest, double clientPerRequest,
        AllocationSampler sampler, AllocationSampler clientSampler)
    {
        var text = new StringBuilder();
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture,
            $"gateway allocations: {perRequest:F0} bytes/request ({(options.Stream ? "stream" : "plain")}, bodies {(options.Bodies ? "on" : "off")}, {options.Requests} requests; client's own {clientPerRequest:F0} B/request subtracted)");
        var sampled = Math.Max(1, sampler.SampledBytes);
        text.AppendLine("top types by sampled allocation (gateway + client), share of sampled bytes:");
        foreach (var (type, bytes) in sampler.Top(options.Top))
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {100.0 * bytes / sampled,5:F1} %  {type}");
        text.AppendLine("the gateway's alone (the client-only run's sampled bytes by type " +
            "subtracted), bytes per request:");
        foreach (var (type, bytes) in sampler.TopBeyond(clientSampler, options.Top))
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture,
                $"  {bytes / (double)options.Requests,7:F0}  {type}");
        return text.ToString();
    }

    internal static string Toml(string folder, int simPort, bool bodies) => $"""
        listen = "127.0.0.1:{FreePort()}"
        [[providers]]
        name = "simulator"
        base_url = "http://127.0.0.1:{simPort}/v1"
        api_key = "sk-bench-not-a-real-key"
        [storage.sqlite]
        path = "{Path.Combine(folder, "audit.db")}"
        [cache]
        enable = false
        [logging]
        log_request_body = {(bodies ? "true" : "false")}
        log_response_body = {(bodies ? "true" : "false")}
        [pricing."gpt-4o-mini"]
        input = 0.15
        output = 0.6
        """;

    internal static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
