namespace Menshen.Core.Config.Document;

/// One `key = value` of a table, in file order.
public sealed record ConfigEntry(string Key, ConfigNode Value);
