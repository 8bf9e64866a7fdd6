namespace Menshen.Core.Config;

/// `[storage.postgres]`: the database (a `postgres://` URL or an Npgsql connection string, env
/// expanded; a secret), connections per instance, and the local file rows wait in while the
/// database cannot be reached. Printed only through <see cref="PostgresUrl.Masked"/>.
public sealed record PostgresConfig(string Url, int PoolSize, string SpoolPath)
{
    public const int DefaultPoolSize = 16;
    public const string DefaultSpoolPath = "./data/ai-menshen-spool.db";

    // The URL holds the password: a record's generated ToString would print it.
    public override string ToString() =>
        $"PostgresConfig {{ Url = {PostgresUrl.Masked(Url)}, PoolSize = {PoolSize}, " +
        $"SpoolPath = {SpoolPath} }}";
}
