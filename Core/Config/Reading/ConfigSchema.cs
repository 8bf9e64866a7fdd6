using System.Collections.Immutable;

namespace Menshen.Core.Config.Reading;

/// Every key the config file may hold, per table; the source of "did you mean" hints.
internal static class ConfigSchema
{
    public static readonly ImmutableArray<string> Root =
        ["listen", "verbose", "auth", "providers", "upstream", "failover", "storage", "cache",
         "logging", "server", "pricing", "aliases", "routing", "http_client"];

    public static readonly ImmutableArray<string> Auth = ["enable", "user", "password", "token",
        "keys"];
    public static readonly ImmutableArray<string> AuthKey = ["name", "token"];

    public static readonly ImmutableArray<string> Provider =
        ["name", "base_url", "api_key", "headers", "model", "weight", "proxy", "models", "priority",
            "api"];

    public static readonly ImmutableArray<string> Upstream = ["timeout", "max_idle_conns_per_host"];

    /// ai-menshen's name for [upstream] (its example config has the table, empty): read, with a
    /// warning that points to [upstream].
    public static readonly ImmutableArray<string> HttpClient = ["timeout"];
    public static readonly ImmutableArray<string> Failover =
        ["enable", "on_status", "unhealthy_after", "cooldown"];

    public static readonly ImmutableArray<string> Storage =
        ["retention_days", "sqlite", "backend", "postgres"];
    public static readonly ImmutableArray<string> Sqlite = ["path"];
    public static readonly ImmutableArray<string> Postgres = ["url", "pool_size", "spool_path"];
    public static readonly ImmutableArray<string> Cache =
        ["enable", "max_body_bytes", "max_age", "shared"];
    public static readonly ImmutableArray<string> Logging =
        ["log_request_body", "log_response_body", "max_body_bytes"];

    public static readonly ImmutableArray<string> Server =
        ["max_request_body_bytes", "header_timeout", "shutdown_grace",
         "allowed_hosts", "cors_origins", "passthrough"];

    public static readonly ImmutableArray<string> Price =
        ["input", "output", "cached_input", "cache_write", "cache_write_1h"];

    public static readonly ImmutableArray<string> Routing = ["sticky", "sticky_ttl"];

    /// Keys that ai-menshen had and Menshen replaced, by their path, with the message that says
    /// where they went ([http_client] is still read).
    public static readonly ImmutableDictionary<string, string> Renamed =
        ImmutableDictionary<string, string>.Empty.Add("storage.sqlite_path",
            "moved: write it as `[storage.sqlite]` with `path = \"…\"`");

    /// Each table's label (empty for the top level) and keys, to say "`retention_days` belongs in
    /// [storage]". ([http_client] is left out: a stray `timeout` belongs in [upstream].)
    public static readonly ImmutableArray<(string Label, ImmutableArray<string> Keys)> Tables =
        [("", Root), ("[auth]", Auth), ("[[auth.keys]]", AuthKey),
         ("[[providers]]", Provider), ("[upstream]", Upstream), ("[failover]", Failover),
         ("[storage]", Storage), ("[storage.sqlite]", Sqlite),
         ("[storage.postgres]", Postgres), ("[cache]", Cache),
         ("[logging]", Logging), ("[server]", Server), ("[pricing.\"MODEL\"]", Price),
         ("[routing]", Routing)];
}
