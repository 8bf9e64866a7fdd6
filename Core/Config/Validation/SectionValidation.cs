using LanguageExt;
using LanguageExt.Common;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Config.Validation;

/// The plain sections: defaults from SPEC §2, ranges checked, seconds turned into TimeSpans.
internal static class SectionValidation
{
    public const string DefaultSqlitePath = "./data/ai-menshen.db";

    public static Validation<Error, UpstreamConfig> Upstream(RawUpstream raw) =>
        (Checks.Seconds(raw.Timeout is null && raw.HttpClientTimeout is not null
                ? "http_client.timeout" : "upstream.timeout",
            raw.Timeout ?? raw.HttpClientTimeout, 300, 0, Checks.MaxTimerSeconds),
         Checks.Int("upstream.max_idle_conns_per_host", raw.MaxIdleConnsPerHost, 8, 0))
            .Apply((timeout, idle) => new UpstreamConfig(timeout, idle)
            {
                HttpClientSection = raw.HttpClientTimeout is not null,
            });

    public static Validation<Error,
        StorageConfig> Storage(RawStorage raw, IReadOnlyDictionary<string, string> env) =>
        (Checks.Int("storage.retention_days", raw.RetentionDays, 90, int.MinValue),
         Checks.Expanded("storage.sqlite.path", raw.SqlitePath, DefaultSqlitePath, env)
            .Bind(path => Checks.NonEmpty("storage.sqlite.path", path,
                "a file path such as " + DefaultSqlitePath))
            .Bind(path => Checks.HomePath("storage.sqlite.path", path, env)),
         StorageValidation.Backend(raw.Backend),
         StorageValidation.Postgres(raw.Backend == "postgres", raw.Postgres, env))
            .Apply((days, path, backend, pg) => new StorageConfig(days, path)
            {
                Backend = backend,
                Postgres = backend == StorageBackend.Postgres ? pg : null,
            });

    public static Validation<Error, CacheConfig> Cache(RawCache raw) =>
        (Checks.Bytes("cache.max_body_bytes", raw.MaxBodyBytes, 5_242_880),
         Checks.Seconds("cache.max_age", raw.MaxAge, 0, 0))
            .Apply((bytes, age) =>
                new CacheConfig(raw.Enable ?? true, bytes, age, raw.Shared ?? true));

    public static Validation<Error, LoggingConfig> Logging(RawLogging raw) =>
        Checks.Bytes("logging.max_body_bytes", raw.MaxBodyBytes, 8_388_608)
            .Map(cap => new LoggingConfig(raw.LogRequestBody ?? true, raw.LogResponseBody ?? true,
                cap));

    // header_timeout has no "0 = none": a gateway without it is open to slow-header clients.
    public static Validation<Error, ServerConfig> Server(RawServer raw) =>
        (Checks.Bytes("server.max_request_body_bytes", raw.MaxRequestBodyBytes, 33_554_432),
         Checks.Seconds("server.header_timeout", raw.HeaderTimeout, 30, 1,
             Checks.MaxTimerSeconds),
         Checks.Seconds("server.shutdown_grace", raw.ShutdownGrace, 30, 0,
             Checks.MaxTimerSeconds),
         AccessValidation.AllowedHosts(raw.AllowedHosts),
         AccessValidation.CorsOrigins(raw.CorsOrigins),
         Passthrough(raw.Passthrough))
            .Apply((bytes, headers, grace, hosts, origins, passthrough) =>
                new ServerConfig(bytes, headers, grace)
                {
                    AllowedHosts = hosts,
                    CorsOrigins = origins,
                    Passthrough = passthrough,
                });

    private static Validation<Error, PassthroughMode> Passthrough(string? mode) =>
        mode is null ? PassthroughMode.All
        : PassthroughModes.Parse(mode) is { } known ? known
        : ConfigError.At("server.passthrough", "expected \"all\", \"read\" (GET and HEAD " +
            $"only) or \"models\" (the model list only), got '{mode}'");
}
