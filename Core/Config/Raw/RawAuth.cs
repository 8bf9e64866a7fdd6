using System.Collections.Immutable;

namespace Menshen.Core.Config.Raw;

/// `[auth]` as written.
public sealed record RawAuth(
    bool? Enable,
    string? User,
    string? Password,
    string? Token,
    ImmutableArray<RawClientKey> Keys)
{
    public static RawAuth Empty { get; } = new(null, null, null, null, []);
}
