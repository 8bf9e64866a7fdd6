using Menshen.Core.Config;

namespace Menshen.Shell.Cli;

/// What the CLI hands to the server once the config has loaded: the config, the file it came
/// from (for SIGHUP reloads) and the log format.
public sealed record ServeRequest(GatewayConfig Config, string ConfigPath, LogFormat LogFormat)
{
    /// Set by `-import-sqlite PATH`: import that file instead of serving (SPEC §15).
    public string? ImportSqlite { get; init; }

    /// Set by `-rebuild-report-sums`: recompute the report sums from the rows instead of serving.
    public bool RebuildReportSums { get; init; }
}
