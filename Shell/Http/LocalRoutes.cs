using Menshen.Core.Config;
using Menshen.Core.Errors;
using Menshen.Core.Http;
using Menshen.Core.Routing;
using Menshen.Shell.Wire;
using Microsoft.AspNetCore.Http.Features;

namespace Menshen.Shell.Http;

/// Routes the gateway answers itself and never proxies: health, dashboard, reports, icons.
public sealed class LocalRoutes(
    Dashboard.DashboardAssets assets, IReportApi reports, Metrics.GatewayMetrics metrics,
    HealthCheck health,
    ClientAuths auths, ReportQueryGate reportGate, DashboardLogins logins)
{
    private static readonly byte[] RobotsBody = "User-agent: *\nDisallow: /\n"u8.ToArray();

    // A 16 × 16 icon (one PNG in an ICO): the door god's 门 in white on red.
    private static readonly byte[] FaviconBody = Convert.FromBase64String(
        "AAABAAEAEBAAAAEAIABuAAAAFgAAAIlQTkcNChoKAAAADUlIRFIAAAAQAAAAEAgGAAAAH/P/YQAAADVJREFU" +
        "eNpjYACCnTIy/8nBDJRohhuCTRAGKDYAF8BpALoCig0gxmujBowagDMp0y1HgvQCAOlsVuc16rRsAAAAAElF" +
        "TkSuQmCC");

    public async Task<bool> TryHandleAsync(
        HttpContext context, GatewayConfig config, CanonicalPath canonical)
    {
        var path = canonical.Value;
        var route = LocalRouteTable.Of(path);
        switch (route)
        {
            case LocalRoute.Proxied:
                return false;
            case LocalRoute.Health:
                await health.WriteAsync(context);
                return true;
            case LocalRoute.Robots:
                return await AnswerAsync(context, "text/plain", RobotsBody);
            case LocalRoute.Favicon:
                context.Response.Headers.CacheControl = "public, max-age=86400";
                return await AnswerAsync(context, "image/x-icon", FaviconBody);
        }
        if (!HttpMethods.IsGet(context.Request.Method)
            && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Headers.CacheControl = "no-store";
            await GatewayErrors.WriteAsync(context, GatewayErrorKind.MethodNotAllowed,
                "Only GET and HEAD are allowed here.");
            return true;
        }
        var auth = auths.For(config);
        if (auth.Enabled && !await LoggedInAsync(context, auth)) return true;
        await AnswerBehindLoginAsync(context, route, path);
        return true;
    }

    // A request without Basic credentials is asked for them; one with them counts as a login
    // attempt (DashboardLogins), and inside an address's wait is refused whatever it presents.
    private async Task<bool> LoggedInAsync(HttpContext context, ClientAuth auth)
    {
        var headers = context.Request.Headers;
        var presented = ClientAuth.PresentsBasic(headers);
        var succeeded = presented && auth.AuthenticateDashboard(headers);
        var wait = presented
            ? logins.Attempt(context.Connection.RemoteIpAddress, succeeded) : TimeSpan.Zero;
        if (succeeded && wait <= TimeSpan.Zero) return true;
        // A refusal is never kept by a cache, whoever asked.
        context.Response.Headers.CacheControl = "no-store";
        var page = WantsPage(context.Request);
        if (wait > TimeSpan.Zero)
        {
            var seconds = (long)Math.Ceiling(wait.TotalSeconds);
            context.Response.Headers.RetryAfter =
                seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var message = "Too many wrong dashboard passwords from this address: every attempt, "
                + $"the right password too, is refused for {seconds} s more.";
            if (page) await WritePageAsync(context.Response, 429, message);
            else await GatewayErrors.WriteAsync(context, GatewayErrorKind.LoginThrottled, message);
            return false;
        }
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"ai-menshen\"";
        if (page) await WritePageAsync(context.Response, 401, SignIn);
        else await GatewayErrors.WriteAsync(context, GatewayErrorKind.Unauthorized,
            "Dashboard login required.");
        return false;
    }

    // A browser shows a refusal's body when its user cancels the password prompt (helper-73:
    // the JSON error). A page request gets a few lines of HTML instead; scripts, which do not
    // ask for HTML, keep the JSON error.
    private static bool WantsPage(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal);

    private const string SignIn = "The dashboard needs its user and password (user and "
        + "password under [auth] in config.toml). Reload the page to sign in.";

    // The message is the gateway's own text (no request data), escaped all the same.
    private static Task WritePageAsync(HttpResponse response, int status, string message)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(
            "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>ai-menshen: "
            + "sign in</title><h1>ai-menshen</h1><p>"
            + System.Net.WebUtility.HtmlEncode(message) + "</p></html>\n");
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body).AsTask();
    }

    private async Task AnswerBehindLoginAsync(HttpContext context, LocalRoute route, string path)
    {
        if (route == LocalRoute.Metrics)
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.WriteAsync(context.Response.Body, context.RequestAborted);
            return;
        }
        if (route == LocalRoute.Report)
        {
            // Prompts and keys' spend: never sniffed as HTML, never kept by a cache.
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.CacheControl = "no-store";
            // The report queries read the database synchronously (up to ~200 ms on a million
            // rows): on the pool, never on the socket thread that runs requests inline, and a
            // bounded number at once (ReportQueryGate). The answer is written to memory under
            // the slot and sent after it is free, so that a slow reader cannot hold the slot.
            var answer = await reportGate.RunAsync(() => AnswerInMemoryAsync(context, path),
                context.RequestAborted);
            if (answer is not null)
            {
                await using (answer)
                {
                    answer.Position = 0;
                    await answer.CopyToAsync(context.Response.Body, context.RequestAborted);
                }
                return;
            }
        }
        if (await assets.TryServeAsync(context, path)) return;
        await GatewayErrors.WriteAsync(context, GatewayErrorKind.NotFound,
            $"No such dashboard route: {path}");
    }

    // The report API's answer, written to a memory stream; null when the route is not one of
    // its own (nothing written).
    private async Task<MemoryStream?> AnswerInMemoryAsync(HttpContext context, string path)
    {
        var client = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var memory = new MemoryStream();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(memory));
        try
        {
            if (await reports.TryHandleAsync(context, path)) return memory;
        }
        finally
        {
            context.Features.Set(client);
        }
        await memory.DisposeAsync();
        return null;
    }

    private static async Task<bool> AnswerAsync(HttpContext context, string contentType,
        byte[] body)
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
        return true;
    }
}
