namespace Menshen.Core.Config;

/// One `[aliases]` entry: requests for `Name` (a model name or a `*`/`?` glob) go to `Target`.
public sealed record ModelAlias(string Name, string Target);
