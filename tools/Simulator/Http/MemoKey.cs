namespace Menshen.Simulator.Http;

/// <summary>
/// Everything a generation reply depends on in bench mode (where ids and timestamps are fixed):
/// the endpoint, the knobs that shape the content and usage, and the exact request bytes.
/// </summary>
internal readonly struct MemoKey(
    RouteKind kind, int chunks, int cachedTokens, int reasoningTokens, string contentText, byte[] body)
    : IEquatable<MemoKey>
{
    private readonly int _hash = Hash(kind, chunks, cachedTokens, reasoningTokens, contentText, body);

    public bool Equals(MemoKey other) =>
        _hash == other._hash && kind == other.Kind && chunks == other.Chunks
        && cachedTokens == other.CachedTokens && reasoningTokens == other.ReasoningTokens
        && string.Equals(contentText, other.ContentText, StringComparison.Ordinal)
        && body.AsSpan().SequenceEqual(other.Body);

    public override bool Equals(object? obj) => obj is MemoKey other && Equals(other);

    public override int GetHashCode() => _hash;

    private RouteKind Kind => kind;
    private int Chunks => chunks;
    private int CachedTokens => cachedTokens;
    private int ReasoningTokens => reasoningTokens;
    private string ContentText => contentText;
    private byte[] Body => body;

    private static int Hash(
        RouteKind kind, int chunks, int cachedTokens, int reasoningTokens, string contentText, byte[] body)
    {
        var hash = new HashCode();
        hash.Add(kind);
        hash.Add(chunks);
        hash.Add(cachedTokens);
        hash.Add(reasoningTokens);
        hash.Add(contentText);
        hash.AddBytes(body);
        return hash.ToHashCode();
    }
}
