using System.Diagnostics;
using System.Text;

namespace Menshen.Shell.Tests.Support;

/// Reads an SSE response event by event, noting when each event arrived.
public static class SseReader
{
    public sealed record Arrived(string Data, TimeSpan At);

    public static async Task<List<Arrived>> ReadEventsAsync(HttpResponseMessage response, CancellationToken ct = default)
    {
        var events = new List<Arrived>();
        await ReadIntoAsync(response, events, ct);
        return events;
    }

    /// The events read until the body ended, and whether it ended cut (the connection broke
    /// before the body's end, as a client sees a response the server gave up on).
    public static async Task<(List<Arrived> Events, bool Cut)> ReadUntilEndOrCutAsync(
        HttpResponseMessage response, CancellationToken ct = default)
    {
        var events = new List<Arrived>();
        try
        {
            await ReadIntoAsync(response, events, ct);
            return (events, false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return (events, true);
        }
    }

    private static async Task ReadIntoAsync(HttpResponseMessage response, List<Arrived> events,
        CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0) events.Add(new Arrived(data.ToString(), started.Elapsed));
                data.Clear();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal)) data.Append(line.AsSpan(5).Trim());
        }
        if (data.Length > 0) events.Add(new Arrived(data.ToString(), started.Elapsed));
    }

    public static bool IsUsageOnly(string data) =>
        data.Contains("\"choices\":[]", StringComparison.Ordinal) && data.Contains("\"usage\":{", StringComparison.Ordinal);
}
