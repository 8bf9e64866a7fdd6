namespace Menshen.Core.Routing;

/// Upstream statuses that are never relayed: they make the attempt a failure (the next provider
/// is tried, else a 502 names it).
/// - A redirect: the provider is misconfigured (an `http` base_url moved to `https`, a path
///   that moved). Following it would send the key and the prompt to a URL no config names;
///   relaying it lets the client's SDK follow it, prompt and all (307 and 308 keep the body).
///   Only a GET or HEAD on a passed-through path (a file download sent on to storage) carries
///   no prompt, and is relayed as sent.
/// - An interim (1xx) status as the answer: the gateway asks for no upgrade (it carries none),
///   so a `101 Switching Protocols` would hand the client a raw socket in place of an answer.
/// - 407: a proxy between the gateway and the provider (a provider's `proxy`) wants
///   credentials the gateway did not have. Relayed, it told the client that the client's own
///   proxy refused it, and no other provider was tried (helper-83).
public static class UnrelayedStatus
{
    /// The attempt's recorded error for `status`, or null when the status is relayed. Never the
    /// Location: it may name an internal host.
    public static string? Refusal(int? status, bool understood, string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (status is >= 100 and < 200)
            return $"upstream answered {status}, an interim status that is not an answer";
        if (status == 407)
            return "upstream answered 407: a proxy on the way refused the gateway (check the "
                + "user and password in the provider's proxy URL)";
        return status is 301 or 302 or 303 or 307 or 308
            && (understood || !Http.MethodPolicy.IsRead(method))
            ? $"upstream answered {status}, a redirect the gateway does not follow (check base_url)"
            : null;
    }
}
