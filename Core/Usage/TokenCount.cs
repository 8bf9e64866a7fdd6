namespace Menshen.Core.Usage;

/// Which numbers an upstream's usage may give as a token count. A count is a whole number from
/// 0 to <see cref="Max"/>; anything else counts as not given. The bound keeps every sum the
/// gateway makes of counts (a prompt of four parts, the report totals of millions of rows, the
/// Prometheus counters) far from overflowing: one hostile or broken answer with counts near
/// 2^63 made negative totals, and a metrics counter that threw lost its audit record.
public static class TokenCount
{
    /// A billion tokens: a thousand times the largest context window of 2026.
    public const long Max = 1_000_000_000;

    public static long? Plausible(long value) => value is >= 0 and <= Max ? value : null;
}
