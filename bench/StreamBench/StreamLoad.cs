using System.Diagnostics;
using System.Net;
using System.Text;

namespace Menshen.StreamBench;

/// Runs the concurrent streams. Each worker opens a stream, reads it to the end, and opens the
/// next until the time is up; a worker's first stream (which also opens its connection) is not
/// measured.
public static class StreamLoad
{
    // The stream asks for its usage chunk, so every target relays the same frames: without it the
    // gateway asks the upstream for usage and hides that chunk from the client, and a simulator
    // that paces every frame (real upstreams send usage right after the last delta) showed the
    // hidden frame as one doubled gap per stream, 1.5 % of the gaps, all of the gateway's p99.
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"stream_options\":{\"include_usage\":true}," +
        "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story.\"}]}");

    private static readonly byte[] Done = "data: [DONE]"u8.ToArray();

    public static async Task<StreamResult> RunAsync(StreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Streams * 2,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(2) };
        var result = new StreamResult();
        var deadline = Stopwatch.GetTimestamp() + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, options.Streams).Select(i => WorkerAsync(
            client, options, TimeSpan.FromTicks(options.Ramp.Ticks * i / options.Streams), deadline, result));
        await Task.WhenAll(workers);
        return result;
    }

    private static async Task WorkerAsync(
        HttpClient client, StreamOptions options, TimeSpan startDelay, long deadline, StreamResult result)
    {
        await Task.Delay(startDelay);
        for (var measured = false; Stopwatch.GetTimestamp() < deadline; measured = true)
        {
            var outcome = await OneStreamAsync(client, options.Url);
            result.Add(outcome, measured, options.StallMs);
        }
    }

    private static async Task<StreamOutcome> OneStreamAsync(HttpClient client, Uri url)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(Body) };
            request.Content.Headers.ContentType = new("application/json");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[4 * 1024];
            var read = await body.ReadAsync(buffer);
            var firstByte = Stopwatch.GetElapsedTime(started);
            var last = Array.Empty<byte>();
            var gaps = new List<double>(80);
            var previous = Stopwatch.GetTimestamp();
            while (read > 0)
            {
                last = buffer.AsSpan(0, read).ToArray();
                read = await body.ReadAsync(buffer);
                var now = Stopwatch.GetTimestamp();
                if (read > 0) gaps.Add(Stopwatch.GetElapsedTime(previous, now).TotalMilliseconds);
                previous = now;
            }
            var ok = response.StatusCode == HttpStatusCode.OK && last.AsSpan().IndexOf(Done) >= 0;
            return new StreamOutcome(ok, firstByte, Stopwatch.GetElapsedTime(started), gaps);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            return new StreamOutcome(false, TimeSpan.Zero, Stopwatch.GetElapsedTime(started), []);
        }
    }
}
