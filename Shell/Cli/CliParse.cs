namespace Menshen.Shell.Cli;

/// The outcome of parsing: options, or the reason the command line is unusable.
public sealed record CliParse(CliOptions? Options, string? Error);
