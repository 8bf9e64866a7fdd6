using Menshen.Core.Config.Raw;

namespace Menshen.Core.Config.Reading;

/// Reads the plain sections: each a table of scalars.
internal static class SectionReaders
{
    public static RawUpstream Upstream(TableReader root) =>
        Read(root.Section("upstream", ConfigSchema.Upstream), r =>
            new RawUpstream(r.Integer("timeout"), r.Integer("max_idle_conns_per_host"))) with
        {
            HttpClientTimeout = Read(root.Section("http_client", ConfigSchema.HttpClient),
                r => r.Integer("timeout")),
        };

    public static RawFailover Failover(TableReader root) =>
        Read(root.Section("failover", ConfigSchema.Failover), r =>
            new RawFailover(
                r.Bool("enable"), StatusListReader.Read(r), r.Integer("unhealthy_after"),
                r.Integer("cooldown")));

    public static RawStorage Storage(TableReader root) =>
        Read(root.Section("storage", ConfigSchema.Storage), r =>
            new RawStorage(
                r.Integer("retention_days"),
                Read(r.Section("sqlite", ConfigSchema.Sqlite), s => s.String("path")))
            {
                Backend = r.String("backend"),
                Postgres = Read(r.Section("postgres", ConfigSchema.Postgres), p =>
                    new RawPostgres(p.String("url", secret: true), p.Integer("pool_size"),
                        p.String("spool_path"))),
            });

    public static RawCache Cache(TableReader root) =>
        Read(root.Section("cache", ConfigSchema.Cache), r =>
            new RawCache(r.Bool("enable"), r.Integer("max_body_bytes"), r.Integer("max_age"),
                r.Bool("shared")));

    public static RawLogging Logging(TableReader root) =>
        Read(root.Section("logging", ConfigSchema.Logging), r =>
            new RawLogging(r.Bool("log_request_body"), r.Bool("log_response_body"),
            r.Integer("max_body_bytes")));

    public static RawServer Server(TableReader root) =>
        Read(root.Section("server", ConfigSchema.Server), r =>
            new RawServer(
                r.Integer("max_request_body_bytes"),
                r.Integer("header_timeout"),
                r.Integer("shutdown_grace"))
            {
                AllowedHosts = StringListReader.Read(r, "allowed_hosts", "[\"gateway.lan\"]"),
                CorsOrigins =
                    StringListReader.Read(r, "cors_origins", "[\"http://localhost:3000\"]"),
                Passthrough = r.String("passthrough"),
            });

    /// Reads the table's known keys, then reports the unknown ones.
    public static T Read<T>(TableReader reader, Func<TableReader, T> read)
    {
        var value = read(reader);
        reader.RejectUnknown();
        return value;
    }
}
