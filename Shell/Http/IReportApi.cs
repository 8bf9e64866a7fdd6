namespace Menshen.Shell.Http;

/// The `/__report/*` JSON API (SPEC §8). Answers known routes; false leaves the 404 to the caller.
public interface IReportApi
{
    Task<bool> TryHandleAsync(HttpContext context, string path);
}

/// Used when no audit database is configured: every report route is unknown.
public sealed class NoReports : IReportApi
{
    public Task<bool> TryHandleAsync(HttpContext context, string path) => Task.FromResult(false);
}
