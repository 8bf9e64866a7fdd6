namespace Menshen.AllocBench;

/// Command line of the allocation bench.
public sealed record AllocOptions(string Simulator, int Requests, bool Bodies, bool Stream, int Top)
{
    public const string Usage =
        "usage: menshen-allocbench --simulator PATH [--requests N] [--bodies true|false] [--stream] [--top N]";

    public static AllocOptions? Parse(string[] args)
    {
        string? simulator = null;
        var requests = 20_000;
        var bodies = true;
        var stream = false;
        var top = 25;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--simulator" when i + 1 < args.Length: simulator = args[++i]; break;
                case "--requests" when i + 1 < args.Length: requests = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--bodies" when i + 1 < args.Length: bodies = bool.Parse(args[++i]); break;
                case "--top" when i + 1 < args.Length: top = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--stream": stream = true; break;
                default: return null;
            }
        }
        return simulator is null ? null : new AllocOptions(simulator, requests, bodies, stream, top);
    }
}
