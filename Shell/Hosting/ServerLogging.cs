using Menshen.Shell.Cli;

namespace Menshen.Shell.Hosting;

/// Console logging as text lines or JSON objects (`-log-format json`); framework chatter muted.
public static class ServerLogging
{
    public static ILoggerFactory CreateFactory(LogFormat format, bool verbose) =>
        LoggerFactory.Create(builder => Configure(builder, format, verbose, quiet: false));

    public static void Configure(ILoggingBuilder logging, LogFormat format, bool verbose, bool quiet)
    {
        logging.ClearProviders();
        if (!quiet)
        {
            if (format == LogFormat.Json) logging.AddJsonConsole(o => o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ");
            else logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        }
        logging.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information);
        logging.AddFilter("Microsoft", verbose ? LogLevel.Information : LogLevel.Warning);
        logging.AddFilter("System.Net.Http", LogLevel.Warning);
    }
}
