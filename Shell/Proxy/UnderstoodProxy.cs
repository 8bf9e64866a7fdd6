using Menshen.Core.Errors;
using Menshen.Core.Exchanges;
using Menshen.Core.Routing;
using Menshen.Shell.Caching;
using Menshen.Shell.Runtime;
using Menshen.Shell.Taps;
using Menshen.Shell.Wire;

namespace Menshen.Shell.Proxy;

/// The understood endpoints: read the body, plan the providers, patch the body in the
/// endpoint's dialect, consult the cache, then try the providers. Each step returns a value.
public sealed class UnderstoodProxy(ProviderPlanner planner, ProviderAttempts attempts,
    CacheFlow cacheFlow)
{
    public async Task<ProxyResult> HandleAsync(
        HttpContext context, ConfigSnapshot snapshot, EndpointRoute route, RequestFacts facts,
        long startedAt)
    {
        var config = snapshot.Config;
        var dialect = route.Dialect;
        var read = await RequestBodyReader.ReadAsync(context, config.Server.MaxRequestBodyBytes);
        if (read.Error is { } readError) return await ProxyResult.RefuseAsync(context, facts,
            readError, dialect);
        facts = facts with
        {
            RequestBytes = read.Bytes.Length,
            RequestBody = Captures.Of(read.Bytes, CapturePolicy.RequestCap(config)),
        };
        var plan = planner.Plan(config, route.Kind);
        if (plan.IsEmpty)
        {
            return await ProxyResult.RefuseAsync(context, facts,
                new GatewayError(GatewayErrorKind.NoProvider, "No provider is enabled."), dialect);
        }
        var first = dialect.Patch(read.Bytes, route.Kind, plan[0].Model);
        if (first.Body is null)
        {
            return await ProxyResult.RefuseAsync(context, facts,
                new GatewayError(GatewayErrorKind.MalformedJson,
                $"We could not parse the JSON body of your request: {first.Error}."), dialect);
        }
        facts = facts with { PlannedProvider = plan[0].Name, FirstPatch = first.Body };
        var lookup = await cacheFlow.BeginAsync(context, config, route, first.Body, startedAt);
        if (lookup.Answer is { } cached) return ProxyResult.Of(facts, [], cached, lookup.Outcome);
        try
        {
            var result = await attempts.RunAsync(context, snapshot, route, facts, plan, read.Bytes,
                startedAt);
            return result with { Parts = result.Parts with { Cache = lookup.Outcome },
                Session = lookup.Session };
        }
        catch
        {
            cacheFlow.Abandon(lookup.Session);
            throw;
        }
    }
}
