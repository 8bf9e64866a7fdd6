namespace Menshen.Core.Config;

/// `[routing] sticky`: whether a client key keeps going to the provider that served it last.
public enum StickyMode
{
    /// Every request gets its own weighted draw (the default).
    None,

    /// One client key and one model keep their provider while it stays healthy.
    Key,
}
