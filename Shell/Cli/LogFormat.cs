namespace Menshen.Shell.Cli;

/// `-log-format`: human-readable lines or one JSON object per line.
public enum LogFormat
{
    Text,
    Json,
}
