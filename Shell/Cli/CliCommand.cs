namespace Menshen.Shell.Cli;

/// What the command line asks for; when several flags are given, the earliest here wins.
public enum CliCommand
{
    Help,
    Version,
    GenConfig,
    CheckConfig,
    Serve,
}
