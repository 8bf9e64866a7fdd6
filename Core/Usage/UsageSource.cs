namespace Menshen.Core.Usage;

/// Where a request's usage came from. `None` means it could not be read: never recorded as zeros.
/// Values are explicit because they are stored; new sources (a cache hit) get new numbers.
public enum UsageSource
{
    None = 0,
    Body = 1,
    Stream = 2,

    /// A cache hit: the usage of the stored answer, counted as saved rather than spent.
    Cache = 3,
}
