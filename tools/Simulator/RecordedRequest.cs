using System.Text;

namespace Menshen.Simulator;

/// <summary>One request the simulator received, as it saw it. Flags change while the request runs.</summary>
public sealed class RecordedRequest
{
    private const int StateRunning = 0, StateAborted = 1, StateDropped = 2;

    private volatile byte[] _body = [];
    private volatile bool _finished;
    private int _state;

    internal RecordedRequest(
        int generation, string method, string pathAndQuery, IReadOnlyDictionary<string, string> headers)
    {
        Generation = generation;
        Method = method;
        PathAndQuery = pathAndQuery;
        Headers = headers;
    }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The path as received (with any <c>/v1</c> prefix) plus the query string.</summary>
    public string PathAndQuery { get; }

    /// <summary>Request headers by lower-case name; repeated headers are joined with commas.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The request body (for <c>echo</c>, filled in once it has been read to the end).</summary>
    public ReadOnlyMemory<byte> Body => _body;

    /// <summary>The request body decoded as UTF-8.</summary>
    public string BodyText => Encoding.UTF8.GetString(_body);

    /// <summary>True when the client went away before the simulator finished the response.</summary>
    public bool Aborted => Volatile.Read(ref _state) == StateAborted;

    /// <summary>True when the simulator cut the connection on purpose (drop-after).</summary>
    public bool DroppedBySimulator => Volatile.Read(ref _state) == StateDropped;

    /// <summary>True once the simulator's handler has returned.</summary>
    public bool Finished => _finished;

    internal int Generation { get; }

    internal CancellationTokenRegistration AbortRegistration { get; set; }

    internal void SetBody(byte[] body) => _body = body;

    /// <summary>Marks a client abort; false when the request had already ended or was dropped on purpose.</summary>
    internal bool TryMarkAborted() =>
        !_finished && Interlocked.CompareExchange(ref _state, StateAborted, StateRunning) == StateRunning;

    internal void MarkDropped() => Interlocked.CompareExchange(ref _state, StateDropped, StateRunning);

    /// <summary>Stops watching for aborts: the simulator has finished with the request.</summary>
    internal void MarkFinished()
    {
        AbortRegistration.Dispose();
        _finished = true;
    }
}
