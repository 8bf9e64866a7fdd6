using Menshen.Core.Dialects;
using Menshen.Core.Routing;

namespace Menshen.Shell.Wire;

/// The dialect this request speaks (Core's DialectTable.OfRequest): by its path, else by a
/// dialect's client header among the request's. It shapes the gateway's errors and picks the
/// providers of a passed-through path.
public static class RequestDialect
{
    public static Dialect Of(HttpContext context, CanonicalPath? path) =>
        DialectTable.OfRequest(path, context.Request.Headers.ContainsKey);
}
