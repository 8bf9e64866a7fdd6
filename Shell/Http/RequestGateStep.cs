using System.Collections.Concurrent;
using Menshen.Core.Errors;
using Menshen.Core.Gate;
using Menshen.Core.Http;
using Menshen.Core.Routing;
using Menshen.Shell.Runtime;
using Menshen.Shell.Wire;
using Microsoft.AspNetCore.Http.Features;

namespace Menshen.Shell.Http;

/// The one step before dispatch: gathers what Core's RequestGate looks at and applies its
/// verdict. Returns the canonical path to go on with, or null when the request was answered.
public sealed partial class RequestGateStep(ListenBinding listen,
    ILogger<RequestGateStep> logger)
{
    // Each refused Host or Origin is logged once (bounded, so a flood of names cannot grow it).
    private readonly ConcurrentDictionary<string, byte> _reported = new(StringComparer.Ordinal);
    private const int MaxReported = 1000;

    public async Task<CanonicalPath?> ApplyAsync(HttpContext context, ConfigSnapshot snapshot)
    {
        var config = snapshot.Config;
        var request = Gather(context);
        var verdict = RequestGate.Decide(request, config.Server, listen.OnlyLoopback,
            listen.Name);
        var response = context.Response;
        if (verdict.AllowOrigin is { } origin)
        {
            response.Headers.AccessControlAllowOrigin = origin;
            response.Headers.AccessControlExposeHeaders = OriginCheck.ExposedHeaders;
            response.Headers.Vary = "Origin";
        }
        switch (verdict.Action)
        {
            case GateAction.Proceed:
                return verdict.Path;
            case GateAction.Preflight:
                AnswerPreflight(context);
                return null;
            default:
                await RefuseAsync(context, verdict, request.RawTarget);
                return null;
        }
    }

    private static GateRequest Gather(HttpContext context)
    {
        var request = context.Request;
        var headers = request.Headers;
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        return new GateRequest(
            request.Method,
            string.IsNullOrEmpty(raw) ? request.Path.ToUriComponent() : raw,
            request.Scheme,
            headers.Host.Count == 0 ? null : headers.Host.ToString(),
            headers.Origin.Count == 0 ? null : headers.Origin.ToString(),
            headers.Upgrade.Count == 0 ? null : headers.Upgrade.ToString(),
            HttpMethods.IsOptions(request.Method) && headers.AccessControlRequestMethod.Count > 0,
            FirstUnforwardable(headers));
    }

    private static string? FirstUnforwardable(IHeaderDictionary headers)
    {
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                if (!HeaderValueCheck.CanForward(value)) return name;
            }
        }
        return null;
    }

    private static void AnswerPreflight(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status204NoContent;
        response.Headers.AccessControlAllowMethods = MethodPolicy.Allowed;
        var asked = context.Request.Headers.AccessControlRequestHeaders;
        if (asked.Count > 0) response.Headers.AccessControlAllowHeaders = asked;
        response.Headers.AccessControlMaxAge = "600";
    }

    private async Task RefuseAsync(HttpContext context, GateVerdict verdict, string rawTarget)
    {
        var error = verdict.Error!;
        if (verdict.RefusedValue is { } value && _reported.Count < MaxReported
            && _reported.TryAdd(value, 0))
            LogRefused(logger, error.Message);
        if (error.Kind == GatewayErrorKind.MethodNotAllowed)
            context.Response.Headers.Allow = MethodPolicy.Allowed;
        if (error.Kind == GatewayErrorKind.UpgradeRequired)
            context.Response.Headers.Connection = "close";
        // A refused Host or Origin has a readable path; a refused path leaves the headers.
        var path = verdict.Path ?? CanonicalPath.Parse(rawTarget).Path;
        await GatewayErrors.WriteAsync(context, error, RequestDialect.Of(context, path));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
