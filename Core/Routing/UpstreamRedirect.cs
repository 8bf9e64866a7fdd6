namespace Menshen.Core.Routing;

/// A provider that answers with a redirect is misconfigured (an `http` base_url moved to
/// `https`, a path that moved). Following it would send the key and the prompt to a URL no
/// config names; relaying it lets the client's SDK follow it, prompt and all (307 and 308 keep
/// the body). So the redirect is the attempt's failure: the next provider is tried, else a 502
/// names it. Only a GET or HEAD on a passed-through path (a file download sent on to storage)
/// carries no prompt, and is relayed as sent.
public static class UpstreamRedirect
{
    public static bool Refuses(int? status, bool understood, string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return status is 301 or 302 or 303 or 307 or 308
            && (understood || !(method.Equals("GET", StringComparison.OrdinalIgnoreCase)
                || method.Equals("HEAD", StringComparison.OrdinalIgnoreCase)));
    }

    /// The attempt's recorded error (never the Location: it may name an internal host).
    public static string Error(int status) =>
        $"upstream answered {status}, a redirect the gateway does not follow (check base_url)";
}
