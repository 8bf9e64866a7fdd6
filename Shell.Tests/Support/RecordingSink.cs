using System.Collections.Concurrent;
using System.Threading.Channels;
using Menshen.Core.Audit;
using Menshen.Shell.Audit;

namespace Menshen.Shell.Tests.Support;

/// Collects exchanges so tests can assert what the request path produced for the audit.
public sealed class RecordingSink(IExchangeSink? next = null) : IExchangeSink
{
    private readonly ConcurrentQueue<Exchange> _all = new();
    private readonly Channel<Exchange> _unread = Channel.CreateUnbounded<Exchange>();

    public IReadOnlyList<Exchange> Exchanges => [.. _all];

    public ValueTask SubmitAsync(Exchange exchange, CancellationToken cancellationToken)
    {
        _all.Enqueue(exchange);
        _unread.Writer.TryWrite(exchange);
        return next?.SubmitAsync(exchange, cancellationToken) ?? ValueTask.CompletedTask;
    }

    /// The next exchange not yet read (the record is submitted after the response ends).
    public async Task<Exchange> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _unread.Reader.ReadAsync(cts.Token);
    }
}
