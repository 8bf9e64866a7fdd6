using LanguageExt.Common;
using Menshen.Core.Config;
using Menshen.Shell.Config;

namespace Menshen.Shell.Cli;

/// The `ai-menshen` command line: parses flags, runs the one-shot commands, or loads the config
/// and hands it to `serve`. Returns the exit code: 0 ok, 1 config problem, 2 bad usage.
public static class CliApp
{
    public static async Task<int> RunAsync(
        string[] args, CliIo io, Func<ServeRequest, CancellationToken, Task<int>> serve,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(io);
        ArgumentNullException.ThrowIfNull(serve);
        var parsed = CliParser.Parse(args);
        if (parsed.Options is not { } options)
        {
            await io.Error.WriteAsync($"error: {parsed.Error}\n\n{Usage.Text}");
            return 2;
        }

        return options.Command switch
        {
            CliCommand.Help => await Print(io, Usage.Text),
            CliCommand.Version => await Print(io, VersionInfo.Text),
            CliCommand.GenConfig => await Print(io, ExampleConfig.Text),
            _ => await LoadThen(options, io, serve, ct),
        };
    }

    // Standard output may take no bytes (`> /dev/full`, a closed pipe): one line, not a trace.
    private static async Task<int> Print(CliIo io, string text)
    {
        try
        {
            return await Print(io.Out, text, 0);
        }
        catch (IOException ex)
        {
            await io.Error.WriteAsync($"error: cannot write to standard output: {ex.Message}\n");
            return 1;
        }
    }

    private static async Task<int> LoadThen(
        CliOptions options, CliIo io, Func<ServeRequest, CancellationToken, Task<int>> serve,
        CancellationToken ct)
    {
        var (path, missing) = ConfigLocator.Resolve(options.ConfigPath, io);
        if (path is null)
        {
            await io.Error.WriteAsync($"error: {missing}\n");
            return 1;
        }

        var loaded = ConfigLoader.Load(path, io.Environment);
        return await loaded.Match(
            Succ: config => options.Command == CliCommand.CheckConfig
                ? Print(io, ConfigSummary.Render(config, path)
                    + (ConfigLoader.AccessWarning(path) is { } open ? $"warning: {open}\n" : ""))
                : options.ImportSqlite is not null && config.Storage.Postgres is null
                ? Print(io.Error, $"error: {ImportNeedsPostgres}\n", 1)
                : serve(new ServeRequest(config, path, options.LogFormat)
                {
                    ImportSqlite = options.ImportSqlite,
                    RebuildReportSums = options.RebuildReportSums,
                }, ct),
            Fail: errors => Print(io.Error, string.Concat(errors.Map(Line)), 1));
    }

    // A usage error found before anything starts, said like the config's own errors.
    private const string ImportNeedsPostgres = "-import-sqlite copies into PostgreSQL: set "
        + "[storage] backend = \"postgres\" and [storage.postgres] url";

    private static string Line(Error error) => $"error: {error.Message}\n";

    private static async Task<int> Print(TextWriter writer, string text, int exitCode)
    {
        await writer.WriteAsync(text);
        await writer.FlushAsync();
        return exitCode;
    }
}
