using System.Collections.Immutable;

namespace Menshen.Core.Config.Raw;

/// `[aliases]` (in file order) and `[routing]` as written.
public sealed record RawRouting(ImmutableArray<RawAlias> Aliases, string? Sticky, long? StickyTtl)
{
    public static RawRouting Empty { get; } = new([], null, null);
}

/// One `[aliases]` entry as written; `Target` is null when the value was not a string.
public sealed record RawAlias(string Name, string? Target);
