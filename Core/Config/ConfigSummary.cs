using System.Globalization;
using System.Text;

namespace Menshen.Core.Config;

/// The short, secret-free description that `-check-config` prints.
public static class ConfigSummary
{
    /// Listen address, providers (weight, model override, masked key and header values), upstream,
    /// failover, storage, cache, logging, server limits, auth (key names only) and priced models.
    public static string Render(GatewayConfig config, string path)
    {
        ArgumentNullException.ThrowIfNull(config);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"config: {path} (valid)\n");
        text.Append(CultureInfo.InvariantCulture, $"listen: {config.Listen}\n");
        var enabled = config.Providers.Count(p => p.Enabled);
        text.Append(CultureInfo.InvariantCulture,
            $"providers: {config.Providers.Length} ({enabled} enabled)\n");
        foreach (var provider in config.Providers)
        {
            ProviderLines(text, provider, config.Auth.Enabled);
        }

        foreach (var line in SectionLines(config))
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    private static void ProviderLines(StringBuilder text, ProviderConfig p, bool authEnabled)
    {
        var state = (p.Enabled ? $"weight {p.Weight}"
            : "weight 0 (disabled)") + RoutingSummary.ProviderSuffix(p);
        text.Append(CultureInfo.InvariantCulture,
            $"  - {p.Name}: {SummaryFormat.Url(p.BaseUrl)}, {state}\n");
        text.Append(CultureInfo.InvariantCulture,
            $"    api_key: {KeyText(p, authEnabled)}\n");
        foreach (var line in RoutingSummary.ProviderLines(p))
        {
            text.Append(line).Append('\n');
        }

        if (p.Model is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"    model: forced to {p.Model}\n");
        }

        foreach (var header in p.Headers)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"    header {header.Name}: {SummaryFormat.Secret(header.Value)}\n");
        }

        if (p.Proxy is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"    proxy: {SummaryFormat.Url(p.Proxy)}\n");
        }
    }

    private static string KeyText(ProviderConfig p, bool authEnabled) =>
        p.ApiKey.Length > 0 ? SummaryFormat.Secret(p.ApiKey)
        : Http.ProviderHeaders.CarryCredential(p) ? "none (its headers carry the credential)"
        : authEnabled ? "none (no Authorization is sent upstream)"
        : "none (the client's own Authorization is forwarded)";

    private static string StorageLine(StorageConfig s)
    {
        var keeps = s.RetentionDays > 0 ? $"keeps {s.RetentionDays} days" : "keeps everything";
        return s.Postgres is { } pg
            ? $"storage: postgres {PostgresUrl.Masked(pg.Url)}, {pg.PoolSize} connections, "
              + $"spool {pg.SpoolPath}, {keeps}"
            : $"storage: {s.SqlitePath}, {keeps}";
    }

    private static IEnumerable<string> SectionLines(GatewayConfig c)
    {
        // SocketsHttpHandler has no idle cap per host; the key is read for ai-menshen's configs.
        yield return $"upstream: timeout {SummaryFormat.Seconds(c.Upstream.Timeout, "none")}; "
            + "idle connections not capped per host (max_idle_conns_per_host has no effect)";
        yield return c.Failover.Enabled
            ? $"failover: on for statuses {SummaryFormat.Statuses(c.Failover.OnStatus)}, network " +
                $"errors and timeouts; "
              + $"after {c.Failover.UnhealthyAfter} failures in a row a provider cools down for "
              + SummaryFormat.Seconds(c.Failover.Cooldown, "0s")
            : "failover: off";
        yield return StorageLine(c.Storage);
        yield return c.Cache.Enabled
            ? $"cache: on, bodies up to {SummaryFormat.Bytes(c.Cache.MaxBodyBytes)}, "
              + $"max age {SummaryFormat.Seconds(c.Cache.MaxAge, "none (until retention)")}"
              + (c.CachesPerClientKey ? ", one per client key" : "")
            : "cache: off";
        yield return $"logging: request bodies {OnOff(c.Logging.LogRequestBody)}, response bodies "
            + $"{OnOff(c.Logging.LogResponseBody)}, each up to " +
                $"{SummaryFormat.Bytes(c.Logging.MaxBodyBytes)}";
        yield return $"server: request bodies up to " +
            $"{SummaryFormat.Bytes(c.Server.MaxRequestBodyBytes)}, header timeout "
            + $"{SummaryFormat.Seconds(c.Server.HeaderTimeout, "none")}, "
            + $"shutdown grace {SummaryFormat.Seconds(c.Server.ShutdownGrace, "none")}"
            + PassthroughNote(c.Server.Passthrough);
        yield return AccessSummary.Line(c);
        yield return AuthLine(c.Auth);
        yield return c.Pricing.IsEmpty
            ? "pricing: none (costs show as \"no price\")"
            : $"pricing: {string.Join(", ", c.Pricing.Keys.Order(StringComparer.Ordinal))}";
        foreach (var line in RoutingSummary.Lines(c))
        {
            yield return line;
        }

        if (!c.Auth.Enabled && !c.Listen.IsLoopback)
        {
            yield return $"warning: {c.Listen} is reachable from other machines and auth is off: "
                + "anyone who can connect can spend your provider keys";
        }
    }

    private static string AuthLine(AuthConfig auth) =>
        !auth.Enabled
            ? "auth: off"
            // A password a person chose is not random: seven of its characters say too much
            // (helper-62). Shown as set, like an empty secret's absence.
            : $"auth: on (dashboard user {auth.User}, password " +
                $"{(auth.Password.Length > 0 ? "set" : "")}, "
              + $"token {SummaryFormat.Secret(auth.Token)}); client keys: "
              + (auth.Keys.IsEmpty ? "none" : string.Join(", ", auth.Keys.Select(k => k.Name)));

    private static string OnOff(bool on) => on ? "on" : "off";

    private static string PassthroughNote(PassthroughMode mode) => mode switch
    {
        PassthroughMode.Read => "; passthrough: reads only (GET, HEAD; no body or method override)",
        PassthroughMode.Models => "; passthrough: the model list only",
        _ => "",
    };
}
