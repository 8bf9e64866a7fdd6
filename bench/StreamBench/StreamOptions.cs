using System.Globalization;

namespace Menshen.StreamBench;

/// What to load: the URL, how many concurrent streams, for how long, whose memory to sample, and
/// the longest wait for a chunk that is not a stall.
public sealed record StreamOptions(
    Uri Url, int Streams, TimeSpan Duration, TimeSpan Ramp, int? Pid, int StallMs)
{
    public const string Usage =
        "usage: menshen-streambench --url URL [--streams 1000] [--seconds 20] [--ramp-ms 2000] [--pid PID]" +
        " [--stall-ms 250]";

    public static StreamOptions? Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2) values[args[i]] = args[i + 1];
        if (!values.TryGetValue("--url", out var url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return null;
        return new StreamOptions(
            uri,
            Int(values, "--streams", 1000),
            TimeSpan.FromSeconds(Int(values, "--seconds", 20)),
            TimeSpan.FromMilliseconds(Int(values, "--ramp-ms", 2000)),
            values.ContainsKey("--pid") ? Int(values, "--pid", 0) : null,
            Int(values, "--stall-ms", 250));
    }

    private static int Int(Dictionary<string, string> values, string name, int fallback) =>
        values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
