namespace Menshen.Core.Caching;

/// Why an answer was not stored, for the audit record. `None` means it was stored.
public enum CacheRejection
{
    None,
    Disabled,
    NoStore,
    ClientDisconnected,
    Status,
    Incomplete,
    TooLarge,
}
