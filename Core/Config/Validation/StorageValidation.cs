using LanguageExt;
using LanguageExt.Common;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Config.Validation;

/// `[storage] backend` and `[storage.postgres]` (SPEC §15). The URL is a secret: no message
/// quotes it.
internal static class StorageValidation
{
    public static Validation<Error, StorageBackend> Backend(string? backend) => backend switch
    {
        null or "sqlite" => StorageBackend.Sqlite,
        "postgres" => StorageBackend.Postgres,
        _ => ConfigError.At("storage.backend",
            $"expected \"sqlite\" or \"postgres\", got '{Clip(backend)}'"),
    };

    /// The PostgreSQL settings (checked whatever the backend, so a mistake is reported before
    /// the backend is switched); the url is required only when `required`.
    public static Validation<Error, PostgresConfig> Postgres(bool required,
        RawPostgres raw, IReadOnlyDictionary<string, string> env) =>
        (Url(required, raw.Url, env),
         Checks.Int("storage.postgres.pool_size", raw.PoolSize, PostgresConfig.DefaultPoolSize, 1,
            1000),
         Checks.Expanded("storage.postgres.spool_path", raw.SpoolPath,
            PostgresConfig.DefaultSpoolPath, env)
            .Bind(path => Checks.NonEmpty("storage.postgres.spool_path", path,
                "a file path such as " + PostgresConfig.DefaultSpoolPath))
            .Bind(path => Checks.HomePath("storage.postgres.spool_path", path, env)))
            .Apply((url, pool, spool) => new PostgresConfig(url, pool, spool));

    private static Validation<Error, string> Url(bool required, string? url,
        IReadOnlyDictionary<string, string> env)
    {
        const string Key = "storage.postgres.url";
        if (url is null)
        {
            return required
                ? ConfigError.At(Key, "required when storage.backend = \"postgres\"; expected "
                    + "postgres://user:password@host:5432/database or an Npgsql connection string")
                : Prelude.Success<Error, string>("");
        }
        return PostgresUrlExpansion.Expand(url, env).Match(
                Succ: Prelude.Success<Error, string>,
                Fail: e => Prelude.Fail<Error, string>(ConfigError.At(Key, e.Message)))
            .Bind(expanded => Checks.NonEmpty(Key, expanded,
                "postgres://user:password@host:5432/database"))
            .Bind(expanded => PostgresUrl.Parse(expanded).Error is { } error
                ? ConfigError.At(Key, error)
                : Prelude.Success<Error, string>(expanded));
    }

    private static string Clip(string value) => value.Length <= 20 ? value : value[..20] + "…";
}
