using LanguageExt;
using LanguageExt.Common;

namespace Menshen.Core.Config;

/// A config problem at one key. The message is `key: detail`; it never holds a secret value.
public sealed record ConfigError(string Key, string Detail)
    : Expected(Key.Length == 0 ? Detail : $"{Key}: {Detail}", 0, Option<Error>.None)
{
    /// An error at `key` saying what was expected and what was found.
    public static Error At(string key, string detail) => new ConfigError(key, detail);

    /// True when this error is about `key` itself or something inside it.
    public bool IsAtOrBelow(string key) =>
        Key == key
        || (Key.StartsWith(key, StringComparison.Ordinal)
            && Key.Length > key.Length
            && Key[key.Length] is '.' or '[');
}
