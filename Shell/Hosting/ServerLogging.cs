using Menshen.Shell.Cli;
using Menshen.Shell.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Menshen.Shell.Hosting;

/// Console logging as text lines or JSON objects (`-log-format json`); framework chatter muted.
public static class ServerLogging
{
    public static ILoggerFactory CreateFactory(LogFormat format, bool verbose) =>
        LoggerFactory.Create(builder => Configure(builder, format, verbose, quiet: false));

    public static void Configure(ILoggingBuilder logging, LogFormat format, bool verbose,
        bool quiet)
    {
        logging.ClearProviders();
        if (!quiet)
        {
            if (format == LogFormat.Json) logging.AddJsonConsole(o =>
            {
                // ISO 8601 in UTC: the `Z` says so, so the clock must be UTC too.
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
                // Names in their own script (`上海`, not `\u4E0A\u6D77`), so grep finds them.
                o.JsonWriterOptions = Core.Http.ReadableJson.WriterOptions;
            });
            else AddPlainConsole(logging);
            // Errors and failures to stderr, the rest to stdout: `ai-menshen > gateway.log`
            // still shows why a start failed (ai-menshen, with Go's log, wrote all to stderr).
            logging.Services.Configure<ConsoleLoggerOptions>(o =>
                o.LogToStandardErrorThreshold = LogLevel.Error);
            // Same formatters and options, lines written in batches (Logging/ConsoleLineBatcher).
            var framework = logging.Services.Single(d =>
                d.ImplementationType == typeof(ConsoleLoggerProvider));
            logging.Services.Remove(framework);
            logging.Services.AddSingleton<ILoggerProvider, BatchedConsoleLoggerProvider>();
        }
        logging.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information);
        logging.AddFilter("Microsoft", verbose ? LogLevel.Information : LogLevel.Warning);
        logging.AddFilter("System.Net.Http", LogLevel.Warning);
        // ASP.NET Core's hosting creates an Activity and a log scope for every request whenever
        // this category is enabled at any level, and it only ever logs request starts and ends,
        // with the full URL: a client's key in the query (`?key=`) would reach the log. Our own
        // line per request covers each request, so the category is off, verbose or not.
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
    }

    // `20:17:50 INFO …`: level and message, no category or event id (PlainConsoleFormatter).
    private static void AddPlainConsole(ILoggingBuilder logging)
    {
        logging.AddConsole(o => o.FormatterName = PlainConsoleFormatter.FormatterName);
        var journal = Environment.GetEnvironmentVariable("JOURNAL_STREAM");
        logging.Services.AddSingleton<ConsoleFormatter>(
            new PlainConsoleFormatter(PlainConsoleFormatter.UnderJournal(journal)));
    }
}
