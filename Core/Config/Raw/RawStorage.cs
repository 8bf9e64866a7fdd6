namespace Menshen.Core.Config.Raw;

/// `[storage]`, `[storage.sqlite]` and `[storage.postgres]` as written.
public sealed record RawStorage(long? RetentionDays, string? SqlitePath)
{
    public static RawStorage Empty { get; } = new(null, null);

    /// `[storage] backend`: "sqlite" or "postgres" (SPEC §15).
    public string? Backend { get; init; }

    /// `[storage.postgres]`.
    public RawPostgres Postgres { get; init; } = RawPostgres.Empty;
}

/// `[storage.postgres]` as written: `url` is a secret (it may hold the password).
public sealed record RawPostgres(string? Url, long? PoolSize, string? SpoolPath)
{
    public static RawPostgres Empty { get; } = new(null, null, null);
}
