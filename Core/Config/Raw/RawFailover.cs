using System.Collections.Immutable;

namespace Menshen.Core.Config.Raw;

/// `[failover]` as written. `OnStatus` keeps each item's text (`"429"`, `"500..599"`, `"5xx"`) at
/// its index; an item of the wrong type is null so later items keep their index in messages.
public sealed record RawFailover(
    bool? Enable,
    ImmutableArray<string?>? OnStatus,
    long? UnhealthyAfter,
    long? Cooldown)
{
    public static RawFailover Empty { get; } = new(null, null, null, null);
}
