using Menshen.Core.Errors;
using Menshen.Core.Routing;
using Menshen.Shell.Hosting;

namespace Menshen.Shell.Http;

/// Routes the gateway answers itself and never proxies: health, dashboard, reports, icons.
public sealed class LocalRoutes(
    Dashboard.DashboardAssets assets, IReportApi reports, Metrics.GatewayMetrics metrics, HealthCheck health)
{
    private static readonly byte[] RobotsBody = "User-agent: *\nDisallow: /\n"u8.ToArray();

    public async Task<bool> TryHandleAsync(
        HttpContext context, ConfigSnapshot snapshot, CanonicalPath canonical)
    {
        var path = canonical.Value;
        if (path == "/healthz")
        {
            await health.WriteAsync(context);
            return true;
        }
        if (path == "/robots.txt") return await AnswerAsync(context, "text/plain", RobotsBody);
        if (path == "/favicon.ico")
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return true;
        }
        if (!IsDashboardPath(path)) return false;
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await GatewayErrors.WriteAsync(context, GatewayErrorKind.MethodNotAllowed, "Only GET is allowed here.");
            return true;
        }
        if (snapshot.Auth.Enabled && !snapshot.Auth.AuthenticateDashboard(context.Request.Headers))
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"ai-menshen\"";
            await GatewayErrors.WriteAsync(context, GatewayErrorKind.Unauthorized, "Dashboard login required.");
            return true;
        }
        if (path == "/metrics")
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.WriteAsync(context.Response.Body, context.RequestAborted);
            return true;
        }
        if (path.StartsWith("/__report/", StringComparison.Ordinal))
        {
            // Prompts and keys' spend: never sniffed as HTML, never kept by a cache.
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.CacheControl = "no-store";
            if (await reports.TryHandleAsync(context, path)) return true;
        }
        if (await assets.TryServeAsync(context, path)) return true;
        await GatewayErrors.WriteAsync(context, GatewayErrorKind.NotFound, $"No such dashboard route: {path}");
        return true;
    }

    // `/__report` in any case is the gateway's own: `/__REPORT/x` is a local 404, never proxied.
    public static bool IsDashboardPath(string path) =>
        path == "/" || path == "/metrics" || path == "/index.html"
        || path.StartsWith("/assets/", StringComparison.Ordinal)
        || path.StartsWith("/__report", StringComparison.OrdinalIgnoreCase);

    private static async Task<bool> AnswerAsync(HttpContext context, string contentType, byte[] body)
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
        return true;
    }
}
