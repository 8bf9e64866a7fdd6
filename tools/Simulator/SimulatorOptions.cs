namespace Menshen.Simulator;

/// <summary>
/// Behaviour of a running simulator. Every property may be changed while requests are in flight;
/// each request reads the values once, when it starts. Request headers (<c>x-sim-*</c>) override them.
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>The text that <see cref="Chunks"/> content pieces are cut from, word by word, cycling.</summary>
    public const string DefaultContentText =
        "Hello from the Menshen simulator. This reply is synthetic, deterministic and free.";

    private volatile int _failStatus;
    private volatile int _headerDelayMs;
    private volatile int _chunkIntervalMs;
    private volatile int _chunks = 8;
    private volatile int _dropAfter = -1;
    private int _dropsLeft = -1;
    private volatile string _contentText = DefaultContentText;
    private volatile bool _fast;
    private volatile IReadOnlyList<string>? _models;
    private static int _instances;
    private volatile string _idPrefix = string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"sim{Environment.ProcessId}x{Interlocked.Increment(ref _instances)}-");

    /// <summary>
    /// When set (100 to 599, except 200), every endpoint but 404s answers with this status and an
    /// OpenAI-shaped error. Null, 0 and 200 mean no failure.
    /// </summary>
    public int? FailStatus
    {
        get => _failStatus == 0 ? null : _failStatus;
        set => _failStatus = value switch
        {
            null or 0 or 200 => 0,
            >= 100 and <= 599 => value.Value,
            _ => throw new ArgumentOutOfRangeException(nameof(value), value, "expected an HTTP status"),
        };
    }

    /// <summary>Wait before sending response headers (milliseconds).</summary>
    public int HeaderDelayMs
    {
        get => _headerDelayMs;
        set => _headerDelayMs = Math.Max(0, value);
    }

    /// <summary>Wait between two stream chunks (milliseconds).</summary>
    public int ChunkIntervalMs
    {
        get => _chunkIntervalMs;
        set => _chunkIntervalMs = Math.Max(0, value);
    }

    /// <summary>Number of content pieces in a reply, at least 1. It is also the completion token count.</summary>
    public int Chunks
    {
        get => _chunks;
        set => _chunks = Math.Max(1, value);
    }

    /// <summary>
    /// When set, the connection is aborted after this many stream frames (0: right after the headers);
    /// a non-stream reply is cut after half of its body.
    /// </summary>
    public int? DropAfter
    {
        get => _dropAfter < 0 ? null : _dropAfter;
        set => _dropAfter = value is { } n ? Math.Max(0, n) : -1;
    }

    /// <summary>
    /// How many of the following requests <see cref="DropAfter"/> cuts (null: every one), so that a
    /// client's retry of a cut request gets a whole answer. Setting it starts the count again.
    /// </summary>
    public int? DropTimes
    {
        get => Volatile.Read(ref _dropsLeft) is var n and >= 0 ? n : null;
        set => Volatile.Write(ref _dropsLeft, value is { } n ? Math.Max(0, n) : -1);
    }

    /// <summary>Whether this request is one that <see cref="DropAfter"/> cuts (uses one of <see cref="DropTimes"/>).</summary>
    internal bool TakeDrop()
    {
        while (true)
        {
            var left = Volatile.Read(ref _dropsLeft);
            if (left < 0) return true;
            if (left == 0) return false;
            if (Interlocked.CompareExchange(ref _dropsLeft, left - 1, left) == left) return true;
        }
    }

    /// <summary>
    /// Messages API streams: an <c>error</c> event (<c>overloaded_error</c>) after this many frames
    /// in place of the rest (0: the first event); the <c>x-sim-error-after</c> header overrides it.
    /// </summary>
    public int? ErrorAfter
    {
        get => _errorAfter < 0 ? null : _errorAfter;
        set => _errorAfter = value is { } n ? Math.Max(0, n) : -1;
    }

    private volatile int _errorAfter = -1;

    /// <summary>The words that content pieces are made of.</summary>
    public string ContentText
    {
        get => _contentText;
        set => _contentText = string.IsNullOrWhiteSpace(value) ? DefaultContentText : value;
    }

    /// <summary>
    /// The models this instance serves (null: every model). A generation request for another
    /// model gets 404 <c>model_not_found</c>, and GET models lists exactly these.
    /// </summary>
    public IReadOnlyList<string>? Models
    {
        get => _models;
        set => _models = value;
    }

    /// <summary>
    /// What every reply id starts with after its type prefix (<c>resp_</c>, <c>chatcmpl-</c>,
    /// <c>msg_</c>), then a counter. The default differs per process and per instance in it
    /// (<c>sim4242x1-</c>, <c>sim4242x2-</c>, ...), so two simulators never hand out the same
    /// response id, as two real providers would not (affinity maps ids to providers).
    /// </summary>
    public string IdPrefix
    {
        get => _idPrefix;
        set => _idPrefix = string.IsNullOrEmpty(value) ? "sim" : value;
    }

    /// <summary>Bench mode: no request record, fixed ids and timestamps, replies memoized per request.</summary>
    public bool Fast
    {
        get => _fast;
        set => _fast = value;
    }
}
