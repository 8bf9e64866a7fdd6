using System.Collections.Immutable;

namespace Menshen.Core.Config;

/// `[aliases]` in config order, and `[routing]`: stickiness and how long a sticky choice lasts.
public sealed record RoutingConfig(
    ImmutableArray<ModelAlias> Aliases, StickyMode Sticky, TimeSpan StickyTtl)
{
    public const int DefaultStickyTtlSeconds = 3600;

    /// No aliases, no stickiness: the behaviour of a config without these sections.
    public static RoutingConfig Default { get; } =
        new([], StickyMode.None, TimeSpan.FromSeconds(DefaultStickyTtlSeconds));
}
