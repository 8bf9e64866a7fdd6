namespace Menshen.Core.Caching;

/// Whether to store an answer, and if not, the first reason why not.
public sealed record CacheVerdict(CacheRejection Reason)
{
    public static readonly CacheVerdict Store = new(CacheRejection.None);

    public bool Eligible => Reason == CacheRejection.None;
}
