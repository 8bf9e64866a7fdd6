using Menshen.Shell.Cli;

namespace Menshen.Shell.Tests.Cli;

public sealed class CliAppTests : IDisposable
{
    private const string Key = "sk-proj-SECRETVALUE-0123456789abcdef";
    private static readonly Dictionary<string, string> Env = new() { ["OPENAI_API_KEY"] = Key };
    private readonly TempDirs _dirs = new();

    public void Dispose() => _dirs.Dispose();

    [Fact]
    public async Task Version_prints_name_version_commit_and_build_time()
    {
        var actual = await CliRun.Of(_dirs, null, "-version");

        Assert.Equal(0, actual.ExitCode);
        Assert.Equal($"ai-menshen {VersionInfo.Version}\ncommit: {VersionInfo.Commit}\nbuilt: {VersionInfo.BuildTime}\n", actual.Out);
        Assert.Equal("ai-menshen 0.1.0-dev", actual.Out.Split('\n')[0]);
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("-help")]
    [InlineData("--help")]
    public async Task Help_prints_usage_on_stdout(string flag)
    {
        var actual = await CliRun.Of(_dirs, null, flag);

        Assert.Equal((0, Usage.Text, ""), (actual.ExitCode, actual.Out, actual.Err));
    }

    [Theory]
    [InlineData(new[] { "-bogus" }, "error: flag provided but not defined: -bogus")]
    [InlineData(new[] { "serve" }, "error: unexpected argument: serve")]
    [InlineData(new[] { "-config" }, "error: flag needs an argument: -config")]
    [InlineData(new[] { "-log-format", "xml" }, "error: invalid value \"xml\" for flag -log-format: expected text or json")]
    [InlineData(new[] { "-version=maybe" }, "error: invalid boolean value \"maybe\" for flag -version")]
    [InlineData(new[] { "--", "x.toml" }, "error: unexpected argument: x.toml")]
    [InlineData(new[] { "-import-sqlite=" },
        "error: flag -import-sqlite needs the path of an ai-menshen SQLite file; it was given empty")]
    [InlineData(new[] { "-import-sqlite", " " },
        "error: flag -import-sqlite needs the path of an ai-menshen SQLite file; it was given empty")]
    public async Task Bad_usage_prints_the_problem_and_usage_on_stderr_and_exits_2(string[] args, string expected)
    {
        var actual = await CliRun.Of(_dirs, null, args);

        Assert.Equal(2, actual.ExitCode);
        Assert.Equal("", actual.Out);
        Assert.Equal($"{expected}\n\n{Usage.Text}", actual.Err);
    }

    [Fact]
    public async Task Gen_config_round_trips_through_check_config()
    {
        var generated = await CliRun.Of(_dirs, null, "-gen-config");
        var path = _dirs.Write("generated.toml", generated.Out);

        var actual = await CliRun.Of(_dirs, Env, "-check-config", "-config", path);

        Assert.Equal((0, 0), (generated.ExitCode, actual.ExitCode));
        Assert.Equal(ExampleConfig.Text, generated.Out);
        Assert.StartsWith($"config: {path} (valid)\nlisten: 127.0.0.1:8080\n", actual.Out, StringComparison.Ordinal);
        Assert.Contains("api_key: sk-…cdef", actual.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETVALUE", actual.AllOutput, StringComparison.Ordinal);
    }

    // helper-68: made as the docs said, config.toml (keys, password, tokens) was 0644.
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Check_config_warns_when_other_users_can_read_the_config()
    {
        var path = _dirs.Write("open.toml", ExampleConfig.Text);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite
            | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var open = await CliRun.Of(_dirs, Env, "-check-config", "-config", path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var closed = await CliRun.Of(_dirs, Env, "-check-config", "-config", path);

        Assert.Equal((0, 0), (open.ExitCode, closed.ExitCode));
        Assert.EndsWith($"warning: {path}: other users can read it (mode 0644) and it holds your "
            + $"keys or names them; chmod 600 {path}\n", open.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("other users can read it", closed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_config_without_the_env_variable_names_it()
    {
        var path = _dirs.Write("config.toml", ExampleConfig.Text);

        var actual = await CliRun.Of(_dirs, null, "--check-config", $"--config={path}");

        Assert.Equal(1, actual.ExitCode);
        Assert.Equal(
            "error: providers[0].api_key: environment variable OPENAI_API_KEY is not set (set it, or write ${OPENAI_API_KEY:-default})\n",
            actual.Err);
    }

    // Real TOML: `[pricing.gpt-4.1]` is a table `1` inside a table `gpt-4`.
    [Fact]
    public async Task Check_config_says_to_quote_a_dotted_model_name_in_pricing()
    {
        var path = _dirs.Write("config.toml",
            "[[providers]]\nbase_url = \"https://api.openai.com/v1\"\n"
            + "[pricing.gpt-4.1]\ninput = 2.0\noutput = 8.0\n");

        var actual = await CliRun.Of(_dirs, Env, "-check-config", "-config", path);

        Assert.Equal(1, actual.ExitCode);
        Assert.Equal("error: pricing.\"gpt-4.1\": a model name with a dot must be quoted: "
            + "[pricing.\"gpt-4.1\"]\n", actual.Err);
    }

    // Real TOML: the same [[providers]] block pasted twice loads as api.openai.com and #2.
    [Fact]
    public async Task Check_config_warns_about_a_provider_pasted_twice()
    {
        const string block = "[[providers]]\nbase_url = \"https://api.openai.com/v1\"\n"
            + "api_key = \"sk-test-0123456789abcdef\"\n";
        var path = _dirs.Write("config.toml", block + block);

        var actual = await CliRun.Of(_dirs, Env, "-check-config", "-config", path);

        Assert.Equal(0, actual.ExitCode);
        Assert.Contains("providers[1]: repeats providers[0] (same base_url, api_key, headers, "
            + "api, models and priority)", actual.AllOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789abcdef", actual.AllOutput, StringComparison.Ordinal);
    }

    // docs/deploy.md's own pattern with a password that holds URL characters (helper-42): it
    // was printed from its '@' on, and the gateway looked for a host named after its tail.
    [Theory]
    [InlineData("postgres://menshen:${PGPASSWORD}@127.0.0.1:19432/menshen")]
    [InlineData("Host=127.0.0.1;Port=19432;Username=menshen;Password=${PGPASSWORD}")]
    public async Task Check_config_masks_a_postgres_password_of_any_characters(string url)
    {
        const string password = "pQ@ss/wQ:rd#1?xQ;Timeout=5";
        var path = _dirs.Write("config.toml",
            "[[providers]]\nbase_url = \"https://api.openai.com/v1\"\n"
            + $"[storage]\nbackend = \"postgres\"\n[storage.postgres]\nurl = \"{url}\"\n");
        var env = new Dictionary<string, string>(Env) { ["PGPASSWORD"] = password };

        var actual = await CliRun.Of(_dirs, env, "-check-config", "-config", path);

        Assert.Equal(0, actual.ExitCode);
        var storage = actual.Out.Split('\n').Single(l => l.StartsWith("storage:",
            StringComparison.Ordinal));
        Assert.Contains("***", storage, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", storage, StringComparison.Ordinal);
        Assert.DoesNotContain("Q", storage, StringComparison.Ordinal);
        Assert.DoesNotContain("Timeout", storage, StringComparison.Ordinal);
    }

    // helper-44: psql's blank-separated form was read as one Host and printed whole.
    [Fact]
    public async Task Check_config_refuses_psql_keywords_without_showing_the_password()
    {
        var path = _dirs.Write("config.toml",
            "[[providers]]\nbase_url = \"https://api.openai.com/v1\"\n[storage]\n"
            + "backend = \"postgres\"\n[storage.postgres]\nurl = \"host=127.0.0.1 port=5432 "
            + "user=menshen password=hunter2secret dbname=menshen\"\n");

        var actual = await CliRun.Of(_dirs, Env, "-check-config", "-config", path);

        Assert.Equal(1, actual.ExitCode);
        Assert.Contains("storage.postgres.url: a value holds another `key=` after a blank",
            actual.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", actual.AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_default_config_names_both_paths_and_suggests_gen_config()
    {
        var actual = await CliRun.Of(_dirs, Env, "-check-config");

        var local = Path.Combine(_dirs.Work, "config.toml");
        var user = Path.Combine(_dirs.Home, ".config", "ai-menshen", "config.toml");
        Assert.Equal(1, actual.ExitCode);
        Assert.Equal(
            $"error: no config file found: looked for {local} and {user}; create one with: ai-menshen -gen-config > config.toml (then set the keys it names)\n",
            actual.Err);
    }

    [Fact]
    public async Task A_config_path_that_is_a_directory_says_so()
    {
        Directory.CreateDirectory(Path.Combine(_dirs.Work, "conf"));
        Directory.CreateDirectory(Path.Combine(_dirs.Work, "config.toml"));

        var given = await CliRun.Of(_dirs, Env, "-check-config", "-config", "conf");
        var found = await CliRun.Of(_dirs, Env, "-check-config");

        Assert.Equal((1, 1), (given.ExitCode, found.ExitCode));
        Assert.Equal($"error: config path {Path.Combine(_dirs.Work, "conf")} is a directory, " +
            "not a config file\n", given.Err);
        Assert.Equal($"error: config path {Path.Combine(_dirs.Work, "config.toml")} is a " +
            "directory, not a config file\n", found.Err);
    }

    // Go's flag package reads booleans with strconv.ParseBool; ai-menshen's users may write these.
    [Theory]
    [InlineData("-version=1")]
    [InlineData("-version=t")]
    [InlineData("-version=T")]
    [InlineData("-version=TRUE")]
    [InlineData("--version=True")]
    public async Task Boolean_flags_take_every_spelling_Go_takes(string flag)
    {
        var actual = await CliRun.Of(_dirs, Env, flag);
        var off = await CliRun.Of(_dirs, Env, "-gen-config", flag.Split('=')[0] + "=F");

        Assert.Equal((0, VersionInfo.Text), (actual.ExitCode, actual.Out));
        Assert.Equal((0, ExampleConfig.Text), (off.ExitCode, off.Out));
    }

    [Fact]
    public async Task A_standard_output_that_takes_no_bytes_is_one_error_line()
    {
        using var stderr = new StringWriter();
        var io = new CliIo(new FullDiskWriter(), stderr, Env, _dirs.Work, _dirs.Home);

        var exit = await CliApp.RunAsync(["-gen-config"], io,
            (_, _) => Task.FromResult(0), CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Equal("error: cannot write to standard output: No space left on device\n",
            stderr.ToString());
    }

    // What writing to /dev/full does.
    private sealed class FullDiskWriter : StringWriter
    {
        public override Task WriteAsync(string? value) =>
            throw new IOException("No space left on device");

        public override Task FlushAsync() => Task.CompletedTask;
    }

    [Theory]
    [InlineData("-config=")]
    [InlineData("-config", " ")]
    public async Task An_empty_config_path_says_it_needs_one(params string[] args)
    {
        var actual = await CliRun.Of(_dirs, Env, ["-check-config", .. args]);

        Assert.Equal(1, actual.ExitCode);
        Assert.Equal("error: -config needs the path of a config file; it was given empty\n",
            actual.Err);
    }

    [Fact]
    public async Task Missing_explicit_config_names_it()
    {
        var actual = await CliRun.Of(_dirs, Env, "-config", "nope.toml");

        Assert.Equal(1, actual.ExitCode);
        Assert.Contains($"config file {Path.Combine(_dirs.Work, "nope.toml")} does not exist", actual.Err, StringComparison.Ordinal);
        Assert.Null(actual.Served);
    }

    [Fact]
    public async Task Default_config_is_looked_up_in_the_home_directory()
    {
        var home = Path.Combine(_dirs.Home, ".config", "ai-menshen", "config.toml");
        Directory.CreateDirectory(Path.GetDirectoryName(home)!);
        await File.WriteAllTextAsync(home, ExampleConfig.Text);

        var actual = await CliRun.Of(_dirs, Env, "-check-config");

        Assert.Equal(0, actual.ExitCode);
        Assert.StartsWith($"config: {home} (valid)", actual.Out, StringComparison.Ordinal);
    }

    // `-config=~/…` (the form -help shows) reaches the gateway with its tilde unexpanded.
    [Fact]
    public async Task A_config_flag_with_a_tilde_is_read_from_the_home_directory()
    {
        var home = Path.Combine(_dirs.Home, "menshen.toml");
        await File.WriteAllTextAsync(home, ExampleConfig.Text);

        var actual = await CliRun.Of(_dirs, Env, "-check-config", "-config=~/menshen.toml");

        Assert.Equal(0, actual.ExitCode);
        Assert.StartsWith($"config: {home} (valid)", actual.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Working_directory_config_wins_over_the_home_one()
    {
        var home = Path.Combine(_dirs.Home, ".config", "ai-menshen", "config.toml");
        Directory.CreateDirectory(Path.GetDirectoryName(home)!);
        await File.WriteAllTextAsync(home, "this is not toml");
        var local = _dirs.Write("config.toml", ExampleConfig.Text);

        var actual = await CliRun.Of(_dirs, Env, "-check-config");

        Assert.Equal(0, actual.ExitCode);
        Assert.StartsWith($"config: {local} (valid)", actual.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_gets_the_loaded_config_path_and_log_format()
    {
        var path = _dirs.Write("config.toml", ExampleConfig.Text);

        var actual = await CliRun.Of(_dirs, Env, "--log-format", "json");

        Assert.Equal(0, actual.ExitCode);
        Assert.NotNull(actual.Served);
        Assert.Equal((path, LogFormat.Json, Key), (actual.Served.ConfigPath, actual.Served.LogFormat, actual.Served.Config.Providers[0].ApiKey));
    }

    [Fact]
    public async Task Serve_with_a_bad_config_prints_errors_and_does_not_start()
    {
        var path = _dirs.Write("config.toml", BadConfig.Named("01-negative-weight.toml").Text);

        var actual = await CliRun.Of(_dirs, Env, "-config", path, "-log-format=text");

        Assert.Equal((1, "", "error: providers[1].weight: must not be negative, got -3\n"), (actual.ExitCode, actual.Out, actual.Err));
        Assert.Null(actual.Served);
    }

    [Fact]
    public async Task Import_into_an_sqlite_backend_is_refused_in_one_line_before_serving()
    {
        var path = _dirs.Write("config.toml", ExampleConfig.Text);

        var actual = await CliRun.Of(_dirs, Env, "-config", path, "-import-sqlite", "old.db");

        Assert.Equal((1, ""), (actual.ExitCode, actual.Out));
        Assert.Equal("error: -import-sqlite copies into PostgreSQL: set [storage] backend = "
            + "\"postgres\" and [storage.postgres] url\n", actual.Err);
        Assert.Null(actual.Served);
    }

    [Theory]
    [MemberData(nameof(BadConfig.Names), MemberType = typeof(BadConfig))]
    public async Task Check_config_of_a_bad_config_exits_1_naming_its_keys(string name)
    {
        var config = BadConfig.Named(name);
        var path = _dirs.Write(name, config.Text);

        var actual = await CliRun.Of(_dirs, Env, "-check-config", "-config", path);

        Assert.Equal((1, ""), (actual.ExitCode, actual.Out));
        var lines = actual.Err.TrimEnd('\n').Split('\n');
        Assert.All(lines, line => Assert.StartsWith("error: ", line, StringComparison.Ordinal));
        Assert.All(config.Expected, key => Assert.Contains(lines, line => line.Contains(key, StringComparison.Ordinal)));
        Assert.DoesNotContain("SECRETVALUE", actual.AllOutput, StringComparison.Ordinal);
    }
}
