using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Menshen.Shell.Logging;

/// Stands in for the framework's console logger provider: same formatters and options (simple
/// text or JSON, stderr threshold, queue length), but lines reach the console in batches.
[ProviderAlias("Console")]
internal sealed class BatchedConsoleLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    public BatchedConsoleLoggerProvider(IOptionsMonitor<ConsoleLoggerOptions> options,
        IEnumerable<ConsoleFormatter> formatters)
    {
        ArgumentNullException.ThrowIfNull(options);
        var current = options.CurrentValue;
        var name = current.FormatterName ?? ConsoleFormatterNames.Simple;
        Formatter = formatters.First(f =>
            string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
        ErrorThreshold = current.LogToStandardErrorThreshold;
        Lines = new ConsoleLineBatcher(current.MaxQueueLength, Console.OpenStandardOutput(),
            Console.OpenStandardError(), TimeSpan.FromMilliseconds(10));
    }

    public ConsoleFormatter Formatter { get; }

    public LogLevel ErrorThreshold { get; }

    public ConsoleLineBatcher Lines { get; }

    public IExternalScopeProvider? ScopeProvider { get; private set; }

    public ILogger CreateLogger(string categoryName) =>
        new BatchedConsoleLogger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) =>
        ScopeProvider = scopeProvider;

    public void Dispose() => Lines.Dispose();
}
