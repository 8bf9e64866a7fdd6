using System.Text;
using Menshen.Shell.Diagnostics;

namespace Menshen.Shell.Logging;

/// Console output for a logger provider: formatted lines queue here and one thread writes all that
/// has gathered with one write and one flush per stream, rather than a write system call per line
/// (the framework's console logger), which cost a request more than formatting its line did.
/// Bounded: when the console does not keep up (a paused terminal, a stalled log shipper), lines
/// beyond the capacity are dropped and counted, and the count is written once it moves again.
/// Waiting instead (the framework's choice) would stop requests, which log a line each and run
/// on the socket threads (Hosting/InlineScheduling); the audit database keeps every request.
public sealed class ConsoleLineBatcher : IDisposable
{
    private readonly Queue<(string Text, bool ToError)> _queue = new();
    private readonly int _capacity;
    private readonly Stream _stdout;
    private readonly Stream _stderr;
    private readonly Thread _thread;
    private readonly TimeSpan _gather;
    private bool _completed;
    private long _dropped; // lines refused since the last write, told with the next one
    private bool _idle; // the writer waits for a first line (not gathering after a write)

    /// `gather`: how long the writer lets lines gather after each write. Under load that is one
    /// write and one wake-up per interval instead of one per few lines (measured in
    /// docs/performance.md, "Inline scheduling"); a line reaches the console at most that late.
    public ConsoleLineBatcher(int capacity, Stream stdout, Stream stderr, TimeSpan gather)
    {
        _gather = gather;
        _capacity = Math.Max(1, capacity);
        _stdout = stdout;
        _stderr = stderr;
        _thread = new Thread(Run) { IsBackground = true, Name = "Console logger" };
        _thread.Start();
    }

    public void Enqueue(string text, bool toError)
    {
        lock (_queue)
        {
            if (_completed) return; // stopped: after Dispose, or stdout is gone
            if (_queue.Count >= _capacity)
            {
                _dropped++;
                return;
            }
            _queue.Enqueue((text, toError));
            if (_idle) Monitor.PulseAll(_queue);
        }
    }

    /// Writes what is queued, then stops (waits at most 1.5 s, as the framework's logger does).
    public void Dispose()
    {
        lock (_queue)
        {
            _completed = true;
            Monitor.PulseAll(_queue);
        }
        _thread.Join(TimeSpan.FromMilliseconds(1500));
    }

    private void Run()
    {
        var batch = new List<(string Text, bool ToError)>();
        using var stdout = new StreamWriter(_stdout, new UTF8Encoding(false),
            16 * 1024)
        { AutoFlush = false };
        using var stderr = new StreamWriter(_stderr, new UTF8Encoding(false),
            4 * 1024)
        { AutoFlush = false };
        while (Take(batch))
        {
            GatewayEvents.Log.ConsoleFlushStart(batch.Count);
            try
            {
                foreach (var (text, toError) in batch) (toError ? stderr : stdout).Write(text);
                stdout.Flush();
                stderr.Flush();
            }
            catch (IOException)
            {
                // the console is gone (a closed pipe): later lines are dropped, as the framework
                // does
                Stop();
                return;
            }
            GatewayEvents.Log.ConsoleFlushStop(batch.Count);
            batch.Clear();
            Gather();
        }
    }

    // Lets lines gather for the interval; Dispose ends the wait at once.
    private void Gather()
    {
        if (_gather <= TimeSpan.Zero) return;
        lock (_queue)
        {
            if (!_completed) Monitor.Wait(_queue, _gather);
        }
    }

    // Waits for at least one line and takes every queued line; false once stopped and empty.
    private bool Take(List<(string Text, bool ToError)> batch)
    {
        lock (_queue)
        {
            _idle = true;
            while (_queue.Count == 0 && !_completed) Monitor.Wait(_queue);
            _idle = false;
            if (_queue.Count == 0) return false;
            while (_queue.TryDequeue(out var item)) batch.Add(item);
            if (_dropped > 0)
            {
                batch.Add((DroppedNotice(_dropped), true));
                _dropped = 0;
            }
            return true;
        }
    }

    private static string DroppedNotice(long dropped) =>
        $"ai-menshen: {dropped} log line(s) dropped: the console did not keep up" +
        Environment.NewLine;

    private void Stop()
    {
        lock (_queue)
        {
            _completed = true;
            _queue.Clear();
            Monitor.PulseAll(_queue);
        }
    }
}
