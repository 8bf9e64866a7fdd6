using Menshen.Core.Config;
using Menshen.Shell.Cli;
using Menshen.Shell.Config;
using Menshen.Shell.Tests.Cli;
using Snapshooter.Xunit;

namespace Menshen.Shell.Tests.Config;

/// Reviewed snapshots: the full error list for each bad config, and the example's summary.
public class ConfigSnapshotTests
{
    private static readonly Dictionary<string, string> Env = new() { ["OPENAI_API_KEY"] = "sk-proj-0123456789abcdefWXYZ" };

    [Fact]
    public void Bad_configs_error_lists()
    {
        var actual = BadConfig.All.Select(c => new
        {
            c.Name,
            Errors = ConfigLoader.LoadText(c.Text, c.Name, Env).Match(
                Succ: _ => ["(valid)"],
                Fail: errors => errors.Map(e => e.Message).ToArray()),
        });

        Snapshot.Match(actual);
    }

    [Fact]
    public void Example_config_summary()
    {
        var config = ConfigLoader.LoadText(ExampleConfig.Text, "example.toml", Env)
            .Match(Succ: c => c, Fail: e => throw new InvalidOperationException(string.Join("\n", e.Map(x => x.Message))));

        var actual = ConfigSummary.Render(config, "config.toml");

        Snapshot.Match(actual);
    }
}
