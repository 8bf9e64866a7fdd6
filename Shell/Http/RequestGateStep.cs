using System.Collections.Concurrent;
using Menshen.Core.Errors;
using Menshen.Core.Exchanges;
using Menshen.Core.Gate;
using Menshen.Core.Http;
using Menshen.Core.Routing;
using Menshen.Shell.Proxy;
using Menshen.Shell.Runtime;
using Menshen.Shell.Wire;
using Microsoft.AspNetCore.Http.Features;

namespace Menshen.Shell.Http;

/// The one step before dispatch: gathers what Core's RequestGate looks at and applies its
/// verdict: the CORS headers, a preflight answered here, a refusal answered by RefuseAsync once
/// the pipeline has given the request its audit id.
public sealed partial class RequestGateStep(ListenBinding listen,
    ILogger<RequestGateStep> logger)
{
    // Each refused Host or Origin is logged once (bounded, so a flood of names cannot grow it).
    private readonly ConcurrentDictionary<string, byte> _reported = new(StringComparer.Ordinal);
    private const int MaxReported = 1000;
    private readonly Lock _budgetLock = new();
    private readonly Dictionary<GatewayErrorKind, RefusalBudget> _budgets = [];

    /// Whether a refusal of `verdict`'s kind at `now` becomes an audit row (Core's
    /// RefusalBudget). One budget a kind: a flood of cross-site 403s does not hide Codex's 426
    /// or a bad path's 400 (helper-63).
    public bool Records(GateVerdict verdict, DateTimeOffset now) =>
        Records(verdict.Error?.Kind ?? GatewayErrorKind.BadRequest, now);

    /// Whether a refusal of `kind` at `now` becomes an audit row; a request without a valid
    /// client key is refused after the gate, by the same budget (Unauthorized).
    public bool Records(GatewayErrorKind kind, DateTimeOffset now)
    {
        lock (_budgetLock)
        {
            var budget = _budgets.GetValueOrDefault(kind) ?? RefusalBudget.Full(now);
            (var recorded, _budgets[kind]) = budget.Take(now);
            return recorded;
        }
    }

    public GateVerdict Apply(HttpContext context, ConfigSnapshot snapshot)
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
        if (verdict.Action == GateAction.Preflight) AnswerPreflight(context);
        return verdict;
    }

    /// The path a refused request is recorded under (Core's RequestGate.RecordedPath).
    public static string RefusedPath(HttpContext context, GateVerdict verdict) =>
        RequestGate.RecordedPath(verdict, RawTarget(context));

    private static GateRequest Gather(HttpContext context)
    {
        var request = context.Request;
        var headers = request.Headers;
        return new GateRequest(
            request.Method,
            RawTarget(context),
            request.Scheme,
            headers.Host.Count == 0 ? null : headers.Host.ToString(),
            headers.Origin.Count == 0 ? null : headers.Origin.ToString(),
            headers.Upgrade.Count == 0 ? null : headers.Upgrade.ToString(),
            HttpMethods.IsOptions(request.Method) && headers.AccessControlRequestMethod.Count > 0,
            FirstUnforwardable(headers),
            headers.TryGetValue(FetchSite, out var site) ? site.ToString() : null);
    }

    private const string FetchSite = "Sec-Fetch-Site";

    private static string RawTarget(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        return string.IsNullOrEmpty(raw) ? context.Request.Path.ToUriComponent() : raw;
    }

    private static string? FirstUnforwardable(IHeaderDictionary headers)
    {
        foreach (var (name, values) in headers)
        {
            if (RequestHeaderPolicy.NeverForwarded(name)) continue;
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

    /// Answers the refusal in the client's dialect; the result is recorded like any answer
    /// (no provider asked, nothing spent).
    public Task<ProxyResult> RefuseAsync(HttpContext context, GateVerdict verdict,
        string? clientKey)
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
        var path = verdict.Path ?? CanonicalPath.Parse(RawTarget(context)).Path;
        // By method too: Codex's WebSocket try (GET /v1/responses) is no Responses request
        // (helper-89: recorded under `responses`).
        var kind = path is null ? EndpointKind.Passthrough
            : EndpointClassifier.Classify(path).ForMethod(context.Request.Method).Kind;
        return ProxyResult.RefuseAsync(context, new RequestFacts(clientKey, kind), error,
            RequestDialect.Of(context, path));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
