namespace Menshen.Core.Caching;

/// One member of a JSON object: its canonical key and where its value lies in the input.
/// Ordered by key bytes, then by position, so duplicate keys keep their order.
internal readonly record struct JsonMember(byte[] Key, int Start, int End, int Position)
    : IComparable<JsonMember>
{
    public int CompareTo(JsonMember other)
    {
        var byKey = Key.AsSpan().SequenceCompareTo(other.Key);
        return byKey != 0 ? byKey : Position.CompareTo(other.Position);
    }
}
