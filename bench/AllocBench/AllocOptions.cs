using System.Globalization;

namespace Menshen.AllocBench;

/// Command line of the in-process bench: allocations per request (`--simulator`), or the audit
/// writer's capacity (`--writer-rows`).
public sealed record AllocOptions(string? Simulator, int Requests, bool Bodies, bool Stream, int Top, int WriterRows,
    int Tail = 0, int GatherMs = -1)
{
    /// `--postgres URL`: the writer's capacity on that PostgreSQL database instead of SQLite.
    public string? Postgres { get; init; }

    /// `--chunks N`: deltas per simulated stream (the simulator's default when null).
    public int? Chunks { get; init; }

    /// `--writer-batch N`: rows per transaction in the writer run (the writer's default when
    /// null); 16 is what one client at ~4,000 req/s gathers in 5 ms.
    public int? WriterBatch { get; init; }

    public const string Usage =
        "usage: menshen-allocbench --simulator PATH [--requests N] [--bodies true|false] [--stream [--chunks N]] [--top N]\n" +
        "       menshen-allocbench --writer-rows N [--writer-batch N] [--postgres URL]\n" +
        "       menshen-allocbench --simulator PATH --tail N [--gather-ms MS]";

    public static AllocOptions? Parse(string[] args)
    {
        string? simulator = null;
        int requests = 20_000, top = 25, writerRows = 0, tail = 0, gather = -1;
        bool bodies = true, stream = false;
        string? postgres = null;
        int? chunks = null, writerBatch = null;
        for (var i = 0; i < args.Length; i++)
        {
            var next = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--simulator" when next is not null: simulator = next; i++; break;
                case "--requests" when next is not null: requests = Number(next); i++; break;
                case "--bodies" when next is not null: bodies = bool.Parse(next); i++; break;
                case "--top" when next is not null: top = Number(next); i++; break;
                case "--writer-rows" when next is not null: writerRows = Number(next); i++; break;
                case "--tail" when next is not null: tail = Number(next); i++; break;
                case "--gather-ms" when next is not null: gather = Number(next); i++; break;
                case "--postgres" when next is not null: postgres = next; i++; break;
                case "--chunks" when next is not null: chunks = Number(next); i++; break;
                case "--writer-batch" when next is not null: writerBatch = Number(next); i++; break;
                case "--stream": stream = true; break;
                default: return null;
            }
        }
        return (simulator is null && writerRows <= 0) || writerBatch is < 1
            ? null
            : new AllocOptions(simulator, requests, bodies, stream, top, writerRows, tail,
                gather)
            { Postgres = postgres, Chunks = chunks, WriterBatch = writerBatch };
    }

    private static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
