namespace Menshen.Core.Routing;

/// The outcome of canonicalising a request path: the path, or why it is refused (400).
public sealed record PathCheck(CanonicalPath? Path, string? Refusal)
{
    public static PathCheck Accepted(CanonicalPath path) => new(path, null);

    public static PathCheck Refused(string reason) => new(null, reason);
}
