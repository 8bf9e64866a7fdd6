using System.Collections.Immutable;

namespace Menshen.Core.Config;

/// `[upstream]`: timeout bounds the wait for headers and every idle gap; zero means none.
public sealed record UpstreamConfig(TimeSpan Timeout, int MaxIdleConnsPerHost)
{
    /// The config set `timeout` under ai-menshen's `[http_client]` (a warning says where it goes).
    public bool HttpClientSection { get; init; }
}

/// `[failover]`: which statuses move on, and when passive health parks a provider.
public sealed record FailoverConfig(
    bool Enabled,
    ImmutableArray<int> OnStatus,
    int UnhealthyAfter,
    TimeSpan Cooldown)
{
    public bool FailsOverOn(int status) => OnStatus.Contains(status);
}

/// `[storage]`: retention (≤ 0 keeps everything), the SQLite file, and the backend: SQLite, or
/// PostgreSQL with `Postgres` set (SPEC §15).
public sealed record StorageConfig(int RetentionDays, string SqlitePath)
{
    public StorageBackend Backend { get; init; } = StorageBackend.Sqlite;

    /// `[storage.postgres]`; null unless the backend is PostgreSQL.
    public PostgresConfig? Postgres { get; init; }
}

/// `[cache]`: max body bytes (0 = no limit) and max age (zero = until retention). `Shared`
/// false gives each gateway client key its own entries (with `[auth]` on).
public sealed record CacheConfig(
    bool Enabled, long MaxBodyBytes, TimeSpan MaxAge, bool Shared = true);

/// `[logging]`: which bodies the audit keeps, and the cap per captured body.
public sealed record LoggingConfig(bool LogRequestBody, bool LogResponseBody, long MaxBodyBytes);

/// `[server]` (new): limits that protect the gateway from slow or huge clients, and the Host
/// names and web origins it answers besides its own (SPEC §12).
public sealed record ServerConfig(
    long MaxRequestBodyBytes,
    TimeSpan HeaderTimeout,
    TimeSpan ShutdownGrace)
{
    public ImmutableArray<string> AllowedHosts { get; init; } = [];

    public ImmutableArray<string> CorsOrigins { get; init; } = [];

    public PassthroughMode Passthrough { get; init; } = PassthroughMode.All;

    /// The body limit in force: none for `max_request_body_bytes = 0`, the documented "no
    /// limit" (helper-85: it refused every request with a body as larger than 0 bytes).
    public long? BodyLimit => MaxRequestBodyBytes > 0 ? MaxRequestBodyBytes : null;

    /// The most an understood body may be: it is read whole into one array (and decoded into
    /// one), so never more than an array holds, whatever the limit.
    public long WholeBodyLimit => Math.Min(BodyLimit ?? long.MaxValue, Array.MaxLength);

    /// The most a compressed body may decode to: the body limit, or 256 MiB without one (a few
    /// KB of zstd unpack to gigabytes: helper-89's 12.6 KB took a gateway without a limit past
    /// 1.2 GB).
    public long DecodedBodyLimit => Math.Min(BodyLimit ?? 256L * 1024 * 1024, Array.MaxLength);

    // Value equality for the lists too (ImmutableArray compares the array reference).
    public bool Equals(ServerConfig? other) =>
        other is not null && MaxRequestBodyBytes == other.MaxRequestBodyBytes
        && HeaderTimeout == other.HeaderTimeout && ShutdownGrace == other.ShutdownGrace
        && AllowedHosts.SequenceEqual(other.AllowedHosts)
        && CorsOrigins.SequenceEqual(other.CorsOrigins)
        && Passthrough == other.Passthrough;

    public override int GetHashCode() => HashCode.Combine(
        MaxRequestBodyBytes, HeaderTimeout, ShutdownGrace, AllowedHosts.Length, CorsOrigins.Length);
}

/// `[pricing."MODEL"]`: USD per million tokens. Cached input defaults to the input price;
/// prompt-cache
/// writes (Anthropic's) default to 1.25 × input (5 minute) and 2 × input (1 hour).
public sealed record ModelPrice(
    decimal Input,
    decimal Output,
    decimal? CachedInput,
    decimal? CacheWrite = null,
    decimal? CacheWrite1h = null);
