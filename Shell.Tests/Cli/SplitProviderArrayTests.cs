namespace Menshen.Shell.Tests.Cli;

/// `-check-config` on a config whose `[[providers]]` entries are separated by another table
/// (valid TOML): every provider is read, and a name repeated across the split is reported.
public sealed class SplitProviderArrayTests : IDisposable
{
    private readonly TempDirs _dirs = new();

    public void Dispose() => _dirs.Dispose();

    [Fact]
    public async Task Check_config_lists_both_providers_of_a_split_array()
    {
        var path = _dirs.Write("config.toml", Config("one", "two"));

        var actual = await CliRun.Of(_dirs, null, "-check-config", "-config", path);

        Assert.Equal(0, actual.ExitCode);
        Assert.Contains("http://127.0.0.1:9/v1", actual.Out, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:10/v1", actual.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_config_reports_a_name_repeated_across_the_split()
    {
        var path = _dirs.Write("config.toml", Config("one", "one"));

        var actual = await CliRun.Of(_dirs, null, "-check-config", "-config", path);

        Assert.Equal(1, actual.ExitCode);
        Assert.Contains("providers[1].name", actual.Err, StringComparison.Ordinal);
    }

    private static string Config(string first, string second) => $"""
        [[providers]]
        name = "{first}"
        base_url = "http://127.0.0.1:9/v1"
        [cache]
        enable = false
        [[providers]]
        name = "{second}"
        base_url = "http://127.0.0.1:10/v1"
        """;
}
