namespace Menshen.Shell.Http;

/// `/healthz`: ok when the audit database takes writes (probed at most once a second).
public sealed class HealthCheck(Func<CancellationToken, Task<bool>>? databaseWritable,
    TimeProvider clock)
{
    private static readonly byte[] Ok = """{"status":"ok","database":"writable"}"""u8.ToArray();
    private static readonly byte[] OkNoDatabase = """{"status":"ok"}"""u8.ToArray();
    private static readonly byte[] Degraded =
        """{"status":"degraded","database":"not writable"}"""u8.ToArray();
    private (DateTimeOffset At, bool Writable) _last = (DateTimeOffset.MinValue, false);

    public async Task WriteAsync(HttpContext context)
    {
        var body = databaseWritable is null ? OkNoDatabase
            : await ProbeAsync(context.RequestAborted) ? Ok : Degraded;
        context.Response.StatusCode = body == Degraded ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var last = _last;
        if (now - last.At < TimeSpan.FromSeconds(1)) return last.Writable;
        bool writable;
        try
        {
            writable = await databaseWritable!(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            writable = false;
        }
        _last = (now, writable);
        return writable;
    }
}
