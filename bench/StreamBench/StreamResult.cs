namespace Menshen.StreamBench;

/// The outcomes of every stream, collected from all workers.
public sealed class StreamResult
{
    private readonly Lock _gate = new();
    private readonly List<double> _firstByteMs = [];
    private readonly List<double> _totalMs = [];
    private readonly List<double> _gapMs = [];

    public int Completed { get; private set; }

    public int Failed { get; private set; }

    /// Streams that ended properly but opened their connection, so their timings are left out.
    public int Unmeasured { get; private set; }

    /// Measured streams that ended properly but waited longer than the stall limit for one of
    /// their chunks (a worker's first stream, which opens its connection, is not judged).
    public int Stalled { get; private set; }

    public void Add(StreamOutcome outcome, bool measured, int stallMs)
    {
        lock (_gate)
        {
            if (!outcome.Ok)
            {
                Failed++;
                return;
            }
            Completed++;
            if (!measured)
            {
                Unmeasured++;
                return;
            }
            if (outcome.MaxGapMs > stallMs) Stalled++;
            _firstByteMs.Add(outcome.FirstByte.TotalMilliseconds);
            _totalMs.Add(outcome.Total.TotalMilliseconds);
            _gapMs.AddRange(outcome.GapsMs);
        }
    }

    public IReadOnlyList<double> FirstByteMs => Sorted(_firstByteMs);

    public IReadOnlyList<double> TotalMs => Sorted(_totalMs);

    /// Every gap between two chunk reads of the measured streams.
    public IReadOnlyList<double> GapMs => Sorted(_gapMs);

    private List<double> Sorted(List<double> values)
    {
        lock (_gate)
        {
            var copy = new List<double>(values);
            copy.Sort();
            return copy;
        }
    }
}
