namespace Menshen.Core.Audit;

/// How the retention purge shares the machine with the traffic beside it: each step (a batch of
/// deletes, or of freed pages) aims at about `StepTarget` of work, and the pause after a step
/// keeps the purge at work at most `Share` of its time. A backlog of months then goes out at a
/// steady fraction of one core instead of all of it (docs/performance.md, "The retention purge").
/// `MinStep`..`MaxStep` bound a step; `MinPause` is the shortest pause between two.
public sealed record PurgePacing(
    int MinStep, int MaxStep, TimeSpan StepTarget, double Share, TimeSpan MinPause)
{
    /// Batches of requests: at most Retention.PurgeBatchSize rows, about 10 ms each, a quarter of
    /// the time at most.
    public static readonly PurgePacing Rows = new(10, Retention.PurgeBatchSize,
        TimeSpan.FromMilliseconds(10), 0.25, TimeSpan.FromMilliseconds(5));

    /// Steps of `incremental_vacuum`: pages given back to the file system.
    public static readonly PurgePacing Pages = Rows with { MinStep = 64, MaxStep = 2048 };

    /// The first step: the smallest, since nothing is known yet of what a step costs (a first
    /// batch of 500 over pages not yet in memory held the lock for 100 ms and more).
    public int First => Math.Min(MinStep, MaxStep);

    /// The size of the next step and the pause before it, from the last step's size and how long
    /// its work took: scaled toward `StepTarget` (at most doubling a step, so one quick step on
    /// an idle moment does not make the next one long), and a pause of at least
    /// `took × (1 − Share) / Share`.
    public PurgeStep Next(int lastStep, TimeSpan took)
    {
        var low = First;
        var last = Math.Clamp(lastStep, low, MaxStep);
        var scaled = took <= TimeSpan.Zero
            ? (double)MaxStep
            : last * (StepTarget.TotalMilliseconds / took.TotalMilliseconds);
        var next = (int)Math.Clamp(Math.Min(scaled, 2.0 * last), low, MaxStep);
        var share = Math.Clamp(Share, 0.01, 1.0);
        var rest = took <= TimeSpan.Zero ? TimeSpan.Zero : took * ((1 - share) / share);
        return new PurgeStep(next, rest > MinPause ? rest : MinPause);
    }
}

/// One step of a paced purge: how many rows (or pages) to take next, after how long a pause.
public readonly record struct PurgeStep(int Size, TimeSpan Pause);
