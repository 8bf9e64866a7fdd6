using System.Collections.Immutable;
using System.Globalization;
using Menshen.Core.Config.Document;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Tests;

/// Writes a raw config back as a document (what the TOML file would hold), and edits documents.
public static class ConfigDocuments
{
    public static ConfigTable FromRaw(RawConfig raw) => Table(
        ("listen", Str(raw.Listen)),
        ("verbose", Bool(raw.Verbose)),
        ("auth", Auth(raw.Auth)),
        ("providers", raw.Providers.IsEmpty ? null : new ConfigArray([.. raw.Providers.Select(Provider)])),
        ("upstream", Table(("timeout", Int(raw.Upstream.Timeout)), ("max_idle_conns_per_host", Int(raw.Upstream.MaxIdleConnsPerHost)))),
        ("failover", Table(
            ("enable", Bool(raw.Failover.Enable)),
            ("on_status", raw.Failover.OnStatus is { } s ? new ConfigArray([.. s.Select(Status)]) : null),
            ("unhealthy_after", Int(raw.Failover.UnhealthyAfter)),
            ("cooldown", Int(raw.Failover.Cooldown)))),
        ("storage", Table(
            ("retention_days", Int(raw.Storage.RetentionDays)),
            ("sqlite", Table(("path", Str(raw.Storage.SqlitePath)))),
            ("backend", Str(raw.Storage.Backend)),
            ("postgres", Table(
                ("url", Str(raw.Storage.Postgres.Url)),
                ("pool_size", Int(raw.Storage.Postgres.PoolSize)),
                ("spool_path", Str(raw.Storage.Postgres.SpoolPath)))))),
        ("cache", Table(("enable", Bool(raw.Cache.Enable)), ("max_body_bytes", Int(raw.Cache.MaxBodyBytes)), ("max_age", Int(raw.Cache.MaxAge)))),
        ("logging", Table(
            ("log_request_body", Bool(raw.Logging.LogRequestBody)),
            ("log_response_body", Bool(raw.Logging.LogResponseBody)),
            ("max_body_bytes", Int(raw.Logging.MaxBodyBytes)))),
        ("server", Table(
            ("max_request_body_bytes", Int(raw.Server.MaxRequestBodyBytes)),
            ("header_timeout", Int(raw.Server.HeaderTimeout)),
            ("shutdown_grace", Int(raw.Server.ShutdownGrace)))),
        ("pricing", raw.Pricing.IsEmpty ? null : new ConfigTable([.. raw.Pricing.Select(p => new ConfigEntry(p.Model, Price(p)))])),
        ("aliases", raw.Routing.Aliases.IsEmpty ? null
            : new ConfigTable([.. raw.Routing.Aliases.Select(a => new ConfigEntry(a.Name, new ConfigString(a.Target ?? "")))])),
        ("routing", Table(("sticky", Str(raw.Routing.Sticky)), ("sticky_ttl", Int(raw.Routing.StickyTtl)))))
        ?? ConfigTable.Empty;

    /// The document with `key` in the table at `section` ("" for the top level) set to `value`.
    public static ConfigTable Set(ConfigTable document, string section, string key, ConfigNode value) =>
        section.Length == 0
            ? Put(document, key, value)
            : Put(document, section, Put(document.Find(section) as ConfigTable ?? ConfigTable.Empty, key, value));

    /// The document with `key` of `providers[index]` set to `value`.
    public static ConfigTable SetInProvider(ConfigTable document, int index, string key, ConfigNode value)
    {
        var providers = (ConfigArray)document.Find("providers")!;
        var provider = Put((ConfigTable)providers.Items[index], key, value);
        return Put(document, "providers", new ConfigArray(providers.Items.SetItem(index, provider)));
    }

    private static ConfigTable Put(ConfigTable table, string key, ConfigNode value) =>
        table.Find(key) is null
            ? new ConfigTable(table.Entries.Add(new ConfigEntry(key, value)))
            : new ConfigTable([.. table.Entries.Select(e => e.Key == key ? new ConfigEntry(key, value) : e)]);

    private static ConfigTable? Auth(RawAuth auth) => Table(
        ("enable", Bool(auth.Enable)),
        ("user", Str(auth.User)),
        ("password", Str(auth.Password)),
        ("token", Str(auth.Token)),
        ("keys", auth.Keys.IsEmpty ? null : new ConfigArray([.. auth.Keys.Select(k => (ConfigNode?)Table(("name", Str(k.Name)), ("token", Str(k.Token))) ?? ConfigTable.Empty)])));

    private static ConfigNode Provider(RawProvider p) => Table(
        ("name", Str(p.Name)),
        ("base_url", Str(p.BaseUrl)),
        ("api_key", Str(p.ApiKey)),
        ("headers", p.Headers.IsEmpty ? null : new ConfigTable([.. p.Headers.Select(h => new ConfigEntry(h.Name, new ConfigString(h.Value)))])),
        ("model", Str(p.Model)),
        ("weight", Int(p.Weight)),
        ("proxy", Str(p.Proxy)),
        ("models", p.Models is { } models ? new ConfigArray([.. models.Select(m => (ConfigNode)new ConfigString(m ?? ""))]) : null),
        ("priority", Int(p.Priority)),
        ("api", Str(p.Api))) ?? ConfigTable.Empty;

    // Whole statuses are written as integers and the rest as strings, as a user would.
    private static ConfigNode Status(string? spec) =>
        long.TryParse(spec, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? new ConfigInteger(n) : new ConfigString(spec!);

    private static ConfigTable Price(RawPrice p) => Table(
        ("input", Number(p.Input)), ("output", Number(p.Output)), ("cached_input", Number(p.CachedInput))) ?? ConfigTable.Empty;

    private static ConfigNode? Number(decimal? d) =>
        d is not { } v ? null : v == decimal.Truncate(v) ? new ConfigInteger((long)v) : new ConfigFloat((double)v);

    private static ConfigTable? Table(params (string Key, ConfigNode? Value)[] entries)
    {
        var present = entries.Where(e => e.Value is not null).Select(e => new ConfigEntry(e.Key, e.Value!)).ToImmutableArray();
        return present.IsEmpty ? null : new ConfigTable(present);
    }

    private static ConfigString? Str(string? s) => s is null ? null : new ConfigString(s);

    private static ConfigInteger? Int(long? n) => n is null ? null : new ConfigInteger(n.Value);

    private static ConfigBool? Bool(bool? b) => b is null ? null : new ConfigBool(b.Value);
}
