using System.Diagnostics;
using System.Globalization;

namespace Menshen.StreamBench;

/// Reads a process's VmRSS once a second while the load runs.
public sealed class RssSampler : IDisposable
{
    private readonly int _pid;
    private readonly Timer _timer;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Lock _gate = new();
    private readonly List<(double Seconds, long Kb)> _samples = [];

    public RssSampler(int pid)
    {
        _pid = pid;
        _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    public IReadOnlyList<(double Seconds, long Kb)> Samples
    {
        get
        {
            lock (_gate) return [.. _samples];
        }
    }

    public void Stop() => _timer.Change(Timeout.Infinite, Timeout.Infinite);

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var kb = Read(_pid, "VmRSS:");
        if (kb is null) return;
        lock (_gate) _samples.Add((Stopwatch.GetElapsedTime(_started).TotalSeconds, kb.Value));
    }

    /// A field of /proc/PID/status in kB, or null once the process is gone.
    public static long? Read(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
                var digits = line[field.Length..].Trim().Split(' ')[0];
                return long.Parse(digits, CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
        }
        return null;
    }
}
