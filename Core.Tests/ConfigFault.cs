using Menshen.Core.Config.Document;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Tests;

/// One deliberate mistake at one key: an edit of the raw config, of the document, or both.
public sealed record ConfigFault(string Key, Func<RawConfig, RawConfig> Raw, Func<ConfigTable, ConfigTable> Document)
{
    public static ConfigFault OnRaw(string key, Func<RawConfig, RawConfig> edit) => new(key, edit, d => d);

    public static ConfigFault OnDocument(string key, Func<ConfigTable, ConfigTable> edit) => new(key, r => r, edit);
}
