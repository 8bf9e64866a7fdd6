using Menshen.Core.Config;
using Menshen.Shell.Runtime;
using Menshen.Shell.Upstream;

namespace Menshen.Shell.Hosting;

/// What start-up prints once the port is bound: where to connect and which providers (keys masked).
public static partial class StartupReport
{
    public static void Print(ILogger log, GatewayHost host, GatewayConfig config)
    {
        var address = host.BaseAddress;
        LogListening(log, address.ToString().TrimEnd('/'), DashboardLink(address));
        LogProvidersAndWarnings(log, config, host.Runtime.Current.Transports);
        var onlyLoopback = host.Services.GetRequiredService<ListenBinding>().OnlyLoopback;
        if (!onlyLoopback && !config.Auth.Enabled) LogExposed(log, config.Listen.ToString());
    }

    // Bound to every interface ([::] or 0.0.0.0), a browser on this machine opens localhost.
    private static string DashboardLink(Uri address) =>
        address.Host is "[::]" or "0.0.0.0"
            ? $"{address.Scheme}://localhost:{address.Port}/"
            : address.ToString();

    [LoggerMessage(Level = LogLevel.Information,
        Message = "ai-menshen listening on {Address} (dashboard at {Dashboard})")]
    private static partial void LogListening(ILogger logger, string address, string dashboard);

    /// One line a provider (SummaryFormat.ProviderLine), then the same warnings as
    /// -check-config (unreachable providers, SPEC §13, and the like): at start-up and after
    /// each reload (helper-70: a reload said only how many providers it had).
    public static void LogProvidersAndWarnings(ILogger log, GatewayConfig config,
        UpstreamTransports transports)
    {
        foreach (var p in config.Providers) LogProvider(log, SummaryFormat.ProviderLine(p));
        // An environment proxy was invisible: HTTP_PROXY from a login shell carried prompts.
        foreach (var use in transports.ThroughEnvironmentProxy)
            LogEnvironmentProxy(log, use.Provider, use.Proxy);
        foreach (var warning in ConfigWarnings.Of(config)) LogWarning(log, warning);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "provider {Provider}")]
    private static partial void LogProvider(ILogger logger, string provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "provider {Provider} goes through "
        + "the environment's proxy {Proxy} (HTTP_PROXY, HTTPS_PROXY or ALL_PROXY; NO_PROXY "
        + "exempts hosts, loopback ones always go direct)")]
    private static partial void LogEnvironmentProxy(ILogger logger, string provider,
        string proxy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogWarning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Listening on {Listen}, beyond this machine, with [auth] disabled: anyone who can reach " +
            "it can spend your provider keys and read your logs. Set [auth] enable = true.")]
    private static partial void LogExposed(ILogger logger, string listen);
}
