namespace Menshen.Core.Config.Document;

/// A value read from the config file, independent of the file format (the Shell fills it from
/// TOML).
public abstract record ConfigNode
{
    /// What this value is, for messages: `string 'abc'`, `integer 5`; `reveal = false` omits the
    /// value.
    public abstract string Describe(bool reveal);
}
