using Menshen.Core.Dialects;
using Menshen.Core.Routing;

namespace Menshen.Shell.Wire;

/// The dialect of a gateway-made error for this request (Core's DialectTable.ForError): by
/// its path, else by a dialect's client header among the request's. Only errors call it.
public static class ErrorDialects
{
    public static Dialect For(HttpContext context, CanonicalPath? path) =>
        DialectTable.ForError(path, context.Request.Headers.ContainsKey);
}
