using System.Diagnostics;
using System.Text;

namespace Menshen.Shell.Tests.Support;

/// Reads an SSE response event by event, noting when each event arrived.
public static class SseReader
{
    public sealed record Arrived(string Data, TimeSpan At);

    public static async Task<List<Arrived>> ReadEventsAsync(HttpResponseMessage response, CancellationToken ct = default)
    {
        var started = Stopwatch.StartNew();
        var events = new List<Arrived>();
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
        return events;
    }

    public static bool IsUsageOnly(string data) =>
        data.Contains("\"choices\":[]", StringComparison.Ordinal) && data.Contains("\"usage\":{", StringComparison.Ordinal);
}
