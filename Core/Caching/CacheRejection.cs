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
    /// The provider that answered was sent another body than the one the key was made of (a
    /// failover to a provider that forces another `model`): stored under that key, the answer
    /// would be replayed to requests it does not answer.
    OtherBody,
}
