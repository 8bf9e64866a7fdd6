namespace Menshen.Shell.Cli;

/// The parsed command line. `ConfigPath` is null when `-config` was not given.
public sealed record CliOptions(CliCommand Command, string? ConfigPath, LogFormat LogFormat)
{
    /// `-import-sqlite PATH`: copy that SQLite audit database into the configured one, then exit.
    public string? ImportSqlite { get; init; }

    /// `-rebuild-report-sums`: recompute the report API's running sums from the rows, then exit.
    public bool RebuildReportSums { get; init; }
}
