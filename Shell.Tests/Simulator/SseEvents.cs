namespace Menshen.Shell.Tests.Simulator;

/// <summary>One server-sent event: its <c>event:</c> name (if any) and its <c>data:</c> text.</summary>
public sealed record SseEvent(string? Name, string Data)
{
    /// <summary>Splits a complete SSE body into events (blank-line separated, LF line ends).</summary>
    public static IReadOnlyList<SseEvent> ParseAll(string body) =>
        [.. body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(ParseOne)];

    private static SseEvent ParseOne(string block)
    {
        string? name = null;
        var data = "";
        foreach (var line in block.Split('\n'))
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
                name = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
                data = line["data: ".Length..];
        }
        return new SseEvent(name, data);
    }
}
