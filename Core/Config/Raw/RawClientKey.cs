namespace Menshen.Core.Config.Raw;

/// One `[[auth.keys]]` entry as written.
public sealed record RawClientKey(string? Name, string? Token)
{
    public static RawClientKey Empty { get; } = new(null, null);
}
