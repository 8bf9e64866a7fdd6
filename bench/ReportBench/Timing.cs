using System.Diagnostics;

namespace Menshen.ReportBench;

/// Times one report call over HTTP (status checked, body read to the end), several runs.
internal static class Timing
{
    public static async Task<(double Median, double Max, long Bytes)> MeasureAsync(HttpClient client, string path, int runs)
    {
        await CallAsync(client, path); // warm-up: JIT, connection, page cache
        var times = new double[runs];
        long bytes = 0;
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            bytes = await CallAsync(client, path);
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return (times[runs / 2], times[^1], bytes);
    }

    private static async Task<long> CallAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync("/__report/" + path);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
        return body.Length;
    }
}
