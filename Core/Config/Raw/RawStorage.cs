namespace Menshen.Core.Config.Raw;

/// `[storage]` and `[storage.sqlite]` as written.
public sealed record RawStorage(long? RetentionDays, string? SqlitePath)
{
    public static RawStorage Empty { get; } = new(null, null);
}
