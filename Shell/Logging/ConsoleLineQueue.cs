using System.Text;
using Menshen.Shell.Diagnostics;

namespace Menshen.Shell.Logging;

/// Console output for a logger provider: formatted lines queue here and one thread writes all that
/// has gathered with one write and one flush per stream, rather than a write system call per line
/// (the framework's console logger), which cost a request more than formatting its line did.
/// Bounded like the framework's (a full queue makes the logging thread wait, no line is dropped).
internal sealed class ConsoleLineQueue : IDisposable
{
    private readonly Queue<(string Text, bool ToError)> _queue = new();
    private readonly int _capacity;
    private readonly Stream _stdout;
    private readonly Stream _stderr;
    private readonly Thread _thread;
    private bool _completed;

    public ConsoleLineQueue(int capacity, Stream stdout, Stream stderr)
    {
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
            while (_queue.Count >= _capacity && !_completed) Monitor.Wait(_queue);
            if (_completed) return; // stopped: after Dispose, or stdout is gone
            _queue.Enqueue((text, toError));
            if (_queue.Count == 1) Monitor.PulseAll(_queue);
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
        }
    }

    // Waits for at least one line and takes every queued line; false once stopped and empty.
    private bool Take(List<(string Text, bool ToError)> batch)
    {
        lock (_queue)
        {
            while (_queue.Count == 0 && !_completed) Monitor.Wait(_queue);
            if (_queue.Count == 0) return false;
            while (_queue.TryDequeue(out var item)) batch.Add(item);
            Monitor.PulseAll(_queue);
            return true;
        }
    }

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
