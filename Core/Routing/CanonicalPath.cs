using System.Text;

namespace Menshen.Core.Routing;

/// A request path decoded exactly once, with repeated `/` collapsed. It cannot be built from a
/// dangerous path: no dot segment, no encoded `.`, `/` or `\` left after the decode, no backslash,
/// no control character. Both the endpoint decision and the upstream URL are made from it.
public sealed class CanonicalPath : IEquatable<CanonicalPath>
{
    // True when the path needed no decoding and no escaping (IsPlain): WithoutVersionPrefix can
    // then cut the string instead of re-escaping segments.
    private readonly bool _plain;

    private CanonicalPath(string value, string escaped, bool plain = false)
    {
        Value = value;
        Escaped = escaped;
        _plain = plain;
    }

    public static CanonicalPath Root { get; } = new("/", "/", plain: true);

    /// The decoded path, starting with `/`: what the gateway matches routes against.
    public string Value { get; }

    /// The same path percent-encoded for a URL: what is sent upstream.
    public string Escaped { get; }

    /// Canonicalises the request target as it came off the wire (origin-form `/p?q` or
    /// absolute-form `http://h/p?q`); the query is ignored. Refused paths say why.
    public static PathCheck Parse(string rawTarget)
    {
        ArgumentNullException.ThrowIfNull(rawTarget);
        var path = PathPart(rawTarget);
        if (path is null || path.Length == 0 || path[0] != '/')
            return PathCheck.Refused("the request target is not a path");
        // The common case, a path of unreserved characters only, is its own decoded and escaped
        // form: taken as it is, without the decode and the re-escape of every segment (the same
        // result, property-tested against ParseFully).
        return IsPlain(path) ? PathCheck.Accepted(Plain(path)) : ParseFully(path);
    }

    /// The full decode of a path that starts with `/` (any path, plain or not).
    internal static PathCheck ParseFully(string path)
    {
        var decoded = PercentDecoding.DecodeOnce(path);
        if (decoded is null)
            return PathCheck.Refused("the path is not valid percent-encoded UTF-8");
        if (Unsafe(decoded) is { } reason) return PathCheck.Refused(reason);
        var trailingSlash = decoded.Length > 1 && decoded[^1] == '/';
        return PathCheck.Accepted(FromSegments(Segments(decoded), trailingSlash));
    }

    /// This path without its leading `/v1` segments (a client may add `/v1` twice).
    public CanonicalPath WithoutVersionPrefix()
    {
        if (_plain)
        {
            var prefix = VersionPrefixLength(Value);
            return prefix == 0 ? this : Plain(Value[prefix..]);
        }
        var segments = Segments(Value);
        var skip = 0;
        while (skip < segments.Length && segments[skip] == "v1") skip++;
        if (skip == 0) return this;
        var rest = segments[skip..];
        return FromSegments(rest, rest.Length > 0 && Value[^1] == '/');
    }

    /// This path without a trailing `/` (the root stays `/`).
    public CanonicalPath WithoutTrailingSlash()
    {
        if (Value.Length <= 1 || Value[^1] != '/') return this;
        return new CanonicalPath(Value[..^1], Escaped[..^1], _plain);
    }

    public bool Equals(CanonicalPath? other) => other is not null && other.Value == Value;

    public override bool Equals(object? obj) => Equals(obj as CanonicalPath);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;

    // Plain: `/` then segments of ASCII letters, digits and `-._~` (RFC 3986 unreserved, escaped
    // as themselves), none empty (`//` collapses) and none `.` or `..` (refused); a trailing `/`
    // is kept. Decoding such a path changes nothing and escaping it changes nothing.
    private static bool IsPlain(string path)
    {
        var segmentStart = 1;
        for (var i = 1; i <= path.Length; i++)
        {
            if (i < path.Length && path[i] != '/')
            {
                var c = path[i];
                if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '~' or '.'))
                    return false;
                continue;
            }
            var segment = path.AsSpan(segmentStart, i - segmentStart);
            if (segment.IsEmpty ? i < path.Length : segment is "." or "..") return false;
            segmentStart = i + 1;
        }
        return true;
    }

    // A plain path is its own escaped form.
    private static CanonicalPath Plain(string path) =>
        path.Length <= 1 ? Root : new CanonicalPath(path, path, plain: true);

    // The length of the leading `/v1` segments of a plain path.
    private static int VersionPrefixLength(string path)
    {
        var at = 0;
        while (path.AsSpan(at).StartsWith("/v1", StringComparison.Ordinal)
            && (path.Length == at + 3 || path[at + 3] == '/'))
            at += 3;
        return at;
    }

    private static string? PathPart(string target)
    {
        var end = target.IndexOfAny(['?', '#']);
        var path = end < 0 ? target : target[..end];
        if (path.StartsWith('/')) return path;
        var scheme = path.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0) return null;
        var slash = path.IndexOf('/', scheme + 3);
        return slash < 0 ? "/" : path[slash..];
    }

    private static string? Unsafe(string decoded)
    {
        foreach (var c in decoded)
        {
            if (char.IsControl(c)) return "the path holds a control character";
            if (c == '\\') return "the path holds a backslash";
        }
        if (HasEncodedSeparator(decoded))
            return "the path holds an encoded '.', '/' or '\\' (double encoding)";
        foreach (var segment in Segments(decoded))
        {
            if (segment is "." or "..") return "the path holds a '.' or '..' segment";
        }
        return null;
    }

    private static bool HasEncodedSeparator(string decoded) =>
        decoded.Contains("%2e", StringComparison.OrdinalIgnoreCase)
        || decoded.Contains("%2f", StringComparison.OrdinalIgnoreCase)
        || decoded.Contains("%5c", StringComparison.OrdinalIgnoreCase);

    private static string[] Segments(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static CanonicalPath FromSegments(string[] segments, bool trailingSlash)
    {
        if (segments.Length == 0) return Root;
        var value = new StringBuilder();
        var escaped = new StringBuilder();
        foreach (var segment in segments)
        {
            value.Append('/').Append(segment);
            escaped.Append('/').Append(PercentDecoding.EscapeSegment(segment));
        }
        if (trailingSlash)
        {
            value.Append('/');
            escaped.Append('/');
        }
        return new CanonicalPath(value.ToString(), escaped.ToString());
    }
}
