using System.Text.Json;

namespace Menshen.Shell.Http;

/// `/healthz`: ok when the audit database takes writes (probed at most once a second). With a
/// shared database (SPEC §15) the instance may be degraded yet serving: rows wait in its local
/// spool while the database is away, so it answers 200 `{"status":"degraded","reason":…}` and a
/// load balancer keeps it; 503 only when it cannot record at all.
public sealed class HealthCheck(Func<CancellationToken, Task<bool>>? databaseWritable,
    TimeProvider clock, Func<CancellationToken, Task<string?>>? degraded = null)
{
    private static readonly byte[] Ok = """{"status":"ok","database":"writable"}"""u8.ToArray();
    private static readonly byte[] OkNoDatabase = """{"status":"ok"}"""u8.ToArray();
    private static readonly byte[] Degraded =
        """{"status":"degraded","database":"not writable"}"""u8.ToArray();
    private readonly Lock _probing = new();
    // One reference, swapped whole: a tuple field could be read torn (a new time with the old
    // body) by a request racing the probe that writes it.
    private Answer _last = new(DateTimeOffset.MinValue, Degraded);
    private Task<byte[]>? _probe;

    public async Task WriteAsync(HttpContext context)
    {
        var body = databaseWritable is null ? OkNoDatabase : await ProbeAsync(
            context.RequestAborted);
        context.Response.StatusCode = body == Degraded ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    // A probe may wait for the database's write lock; callers that come meanwhile share it
    // rather than each taking a thread (and their own wait), and a caller that leaves stops
    // only its own wait.
    private Task<byte[]> ProbeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var last = Volatile.Read(ref _last);
        if (now - last.At < TimeSpan.FromSeconds(1)) return Task.FromResult(last.Body);
        lock (_probing)
        {
            if (_probe is null || _probe.IsCompleted) _probe = RunProbeAsync(now);
            return _probe.WaitAsync(cancellationToken);
        }
    }

    private async Task<byte[]> RunProbeAsync(DateTimeOffset now)
    {
        byte[] body;
        try
        {
            body = !await databaseWritable!(CancellationToken.None) ? Degraded
                : degraded is not null && await degraded(CancellationToken.None) is { } reason
                    ? DegradedBody(reason) : Ok;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            body = Degraded;
        }
        Volatile.Write(ref _last, new Answer(now, body));
        return body;
    }

    private sealed record Answer(DateTimeOffset At, byte[] Body);

    private static byte[] DegradedBody(string reason)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("status", "degraded");
            writer.WriteString("reason", reason);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
