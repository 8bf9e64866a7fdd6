using Menshen.Core.Config;

namespace Menshen.Shell.Hosting;

/// What start-up prints once the port is bound: where to connect and which providers (keys masked).
public static partial class StartupReport
{
    public static void Print(ILogger log, GatewayHost host, GatewayConfig config)
    {
        LogListening(log, host.BaseAddress.ToString().TrimEnd('/'));
        foreach (var p in config.Providers)
        {
            LogProvider(log, p.Name, SummaryFormat.Url(p.BaseUrl), p.Weight, p.Model ?? "-",
                SummaryFormat.Secret(p.ApiKey));
        }
        // The same warnings as -check-config (unreachable providers, SPEC §13, and the like).
        foreach (var warning in ConfigWarnings.Of(config)) LogWarning(log, warning);
        if (!config.Listen.IsLoopback && !config.Auth.Enabled) LogExposed(log,
            config.Listen.ToString());
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "ai-menshen listening on {Address} (dashboard at {Address}/)")]
    private static partial void LogListening(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "provider {Name} {Url} weight={Weight} model={Model} key={Key}")]
    private static partial void LogProvider(ILogger logger, string name, string url, int weight,
        string model, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogWarning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Listening on {Listen}, beyond this machine, with [auth] disabled: anyone who can reach " +
            "it can spend your provider keys and read your logs. Set [auth] enable = true.")]
    private static partial void LogExposed(ILogger logger, string listen);
}
