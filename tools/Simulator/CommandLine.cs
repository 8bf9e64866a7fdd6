using System.Globalization;
using System.Net;

namespace Menshen.Simulator;

/// <summary>The parsed command line: where to listen and how to behave, or why the arguments are wrong.</summary>
internal sealed record CommandLine(IPEndPoint Listen, SimulatorOptions Options, bool Help, string? Error)
{
    public const string Usage = """
        usage: menshen-simulator [--listen HOST:PORT] [--header-delay-ms N] [--chunk-interval-ms N]
                                 [--chunks N] [--fail-status N] [--drop-after N] [--error-after N]
                                 [--content TEXT] [--fast]
          --listen             address to bind (default 127.0.0.1:9999; port 0 picks a free one)
          --header-delay-ms    wait before response headers
          --chunk-interval-ms  wait between stream chunks
          --chunks             content pieces per reply (= completion tokens), default 8
          --fail-status        answer every request with this status and an OpenAI-shaped error
          --drop-after         cut the connection after N stream frames
          --error-after        Messages streams: an overloaded_error event after N frames
          --content            the text replies are made of
          --fast               bench mode: no request record, memoized replies
        """;

    private static readonly HashSet<string> Known = ["--listen", "--content", "--header-delay-ms",
        "--chunk-interval-ms", "--chunks", "--fail-status", "--drop-after", "--error-after"];

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var listen = new IPEndPoint(IPAddress.Loopback, 9999);
        var options = new SimulatorOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h")
                return new(listen, options, Help: true, Error: null);
            if (name == "--fast")
            {
                options.Fast = true;
                continue;
            }
            if (!Known.Contains(name))
                return Fail(listen, options, $"unknown option '{name}'");
            if (i + 1 >= args.Count)
                return Fail(listen, options, $"{name}: expected a value");
            var value = args[++i];
            var error = Apply(name, value, options, ref listen);
            if (error is not null)
                return Fail(listen, options, error);
        }
        return new(listen, options, Help: false, Error: null);
    }

    private static string? Apply(string name, string value, SimulatorOptions options, ref IPEndPoint listen)
    {
        if (name == "--listen")
            return TryEndpoint(value, out listen) ? null : $"--listen: expected HOST:PORT, got '{value}'";
        if (name == "--content")
        {
            options.ContentText = value;
            return null;
        }
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 0)
            return $"{name}: expected a non-negative integer, got '{value}'";
        switch (name)
        {
            case "--header-delay-ms": options.HeaderDelayMs = n; break;
            case "--chunk-interval-ms": options.ChunkIntervalMs = n; break;
            case "--chunks": options.Chunks = n; break;
            case "--fail-status" when n is 0 or (>= 100 and <= 599): options.FailStatus = n; break;
            case "--fail-status": return $"--fail-status: expected an HTTP status (100-599), got '{value}'";
            case "--drop-after": options.DropAfter = n; break;
            case "--error-after": options.ErrorAfter = n; break;
            default: throw new System.Diagnostics.UnreachableException(name);
        }
        return null;
    }

    private static bool TryEndpoint(string value, out IPEndPoint endpoint)
    {
        var text = value.StartsWith(':')
            ? "127.0.0.1" + value
            : value.Replace("localhost:", "127.0.0.1:", StringComparison.Ordinal);
        return IPEndPoint.TryParse(text, out endpoint!) && text.Contains(':', StringComparison.Ordinal);
    }

    private static CommandLine Fail(IPEndPoint listen, SimulatorOptions options, string error) =>
        new(listen, options, Help: false, Error: error);
}
