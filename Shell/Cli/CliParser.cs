namespace Menshen.Shell.Cli;

/// Go-style flags: one or two dashes, `-flag value` or `-flag=value`; booleans also take
/// `=true|false`.
public static class CliParser
{
    private static readonly string[] BoolFlags = ["h", "help", "version", "gen-config",
        "check-config", "rebuild-report-sums"];
    private static readonly string[] ValueFlags = ["config", "log-format", "import-sqlite"];

    /// The options, or an error naming the unknown flag, missing value or stray argument.
    public static CliParse Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--")
            {
                return i + 1 < args.Count ? Fail($"unexpected argument: {args[i + 1]}")
                    : Build(flags);
            }

            var (name, value) = Split(args[i]);
            if (name is null)
            {
                return Fail($"unexpected argument: {args[i]}");
            }

            var problem = Read(name, value, args, ref i, flags);
            if (problem is not null)
            {
                return Fail(problem);
            }
        }

        return Build(flags);
    }

    private static string? Read(
        string name, string? value, IReadOnlyList<string> args, ref int i, Dictionary<string,
        string> flags)
    {
        if (BoolFlags.Contains(name))
        {
            var on = value is null ? true : GoBool(value);
            flags[name] = on is true ? "true" : "false";
            return on is null ? $"invalid boolean value \"{value}\" for flag -{name}" : null;
        }

        if (!ValueFlags.Contains(name))
        {
            return $"flag provided but not defined: -{name}";
        }

        if (value is null && i + 1 >= args.Count)
        {
            return $"flag needs an argument: -{name}";
        }

        flags[name] = value ?? args[++i];
        return null;
    }

    // Go's strconv.ParseBool, which ai-menshen's flags use: `-check-config=1` works there.
    private static bool? GoBool(string value) => value switch
    {
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => null,
    };

    private static (string? Name, string? Value) Split(string arg)
    {
        var body = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : arg.StartsWith('-')
            ? arg[1..] : null;
        if (string.IsNullOrEmpty(body) || body.StartsWith('-') || body.StartsWith('='))
        {
            return (null, null);
        }

        var eq = body.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? (body, null) : (body[..eq], body[(eq + 1)..]);
    }

    private static CliParse Build(Dictionary<string, string> flags)
    {
        var format = flags.GetValueOrDefault("log-format", "text");
        if (format is not ("text" or "json"))
        {
            return Fail($"invalid value \"{format}\" for flag -log-format: expected text or json");
        }

        if (flags.TryGetValue("import-sqlite", out var import) && string.IsNullOrWhiteSpace(import))
        {
            return Fail("flag -import-sqlite needs the path of an ai-menshen SQLite file; " +
                "it was given empty");
        }

        bool On(string flag) => flags.GetValueOrDefault(flag) == "true";
        var command = On("h") || On("help") ? CliCommand.Help
            : On("version") ? CliCommand.Version
            : On("gen-config") ? CliCommand.GenConfig
            : On("check-config") ? CliCommand.CheckConfig
            : CliCommand.Serve;
        return new CliParse(
            new CliOptions(command, flags.GetValueOrDefault("config"),
            format == "json" ? LogFormat.Json : LogFormat.Text)
            {
                ImportSqlite = flags.GetValueOrDefault("import-sqlite"),
                RebuildReportSums = On("rebuild-report-sums"),
            },
            null);
    }

    private static CliParse Fail(string error) => new(null, error);
}
