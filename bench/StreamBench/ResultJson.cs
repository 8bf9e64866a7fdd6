using System.Text.Json;

namespace Menshen.StreamBench;

/// Writes the run as one JSON object (no reflection): counts, TTFB and total percentiles, RSS samples.
public static class ResultJson
{
    public static void Write(Stream output, StreamOptions options, StreamResult result, RssSampler? sampler)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(result);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteNumber("streams", options.Streams);
        json.WriteNumber("seconds", options.Duration.TotalSeconds);
        json.WriteNumber("completed", result.Completed);
        json.WriteNumber("failed", result.Failed);
        json.WriteNumber("unmeasured", result.Unmeasured);
        json.WriteNumber("stalled", result.Stalled);
        json.WriteNumber("stall_ms", options.StallMs);
        Percentiles(json, "ttfb_ms", result.FirstByteMs);
        Percentiles(json, "total_ms", result.TotalMs);
        Percentiles(json, "gap_ms", result.GapMs);
        json.WriteStartArray("rss_samples");
        foreach (var (seconds, kb) in sampler?.Samples ?? [])
        {
            json.WriteStartObject();
            json.WriteNumber("t_s", Math.Round(seconds, 1));
            json.WriteNumber("rss_kb", kb);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Percentiles(Utf8JsonWriter json, string name, IReadOnlyList<double> sorted)
    {
        json.WriteStartObject(name);
        json.WriteNumber("count", sorted.Count);
        foreach (var (label, p) in new[] { ("p50", 0.50), ("p90", 0.90), ("p99", 0.99), ("p999", 0.999), ("max", 1.0) })
            json.WriteNumber(label, sorted.Count == 0 ? 0 : Math.Round(sorted[(int)Math.Min(sorted.Count - 1, p * sorted.Count)], 3));
        json.WriteEndObject();
    }
}
