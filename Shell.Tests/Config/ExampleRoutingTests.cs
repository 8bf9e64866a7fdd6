using Menshen.Core.Config;
using Menshen.Core.Routing;
using Menshen.Shell.Cli;
using Menshen.Shell.Config;
using Snapshooter.Xunit;

namespace Menshen.Shell.Tests.Config;

/// The example's "several providers" block, uncommented as its text says, is a valid config
/// that routes the way the text promises.
public class ExampleRoutingTests
{
    private static readonly Dictionary<string, string> Env = new()
    {
        ["OPENAI_API_KEY"] = "sk-proj-0123456789abcdefWXYZ",
        ["DEEPSEEK_API_KEY"] = "sk-deepseek-0123456789abcdef",
    };

    private static GatewayConfig Worked() =>
        ConfigLoader.LoadText(Uncommented(ExampleConfig.Text), "example.toml", Env)
            .Match(Succ: c => c, Fail: e => throw new InvalidOperationException(string.Join("\n", e.Map(x => x.Message))));

    // The block between BEGIN and END, and the openai provider's `models` line, lose their `# `.
    private static string Uncommented(string text)
    {
        var inside = false;
        return string.Join('\n', text.Split('\n').Select(line =>
        {
            inside = line.StartsWith("# BEGIN several providers", StringComparison.Ordinal)
                || (inside && !line.StartsWith("# END several providers", StringComparison.Ordinal));
            var uncomment = (inside && !line.StartsWith("# BEGIN", StringComparison.Ordinal))
                || line.StartsWith("# models = [\"gpt-*\"", StringComparison.Ordinal);
            return uncomment ? line.TrimStart('#').TrimStart(' ') : line;
        }));
    }

    [Fact]
    public void Worked_example_summary()
    {
        var actual = ConfigSummary.Render(Worked(), "config.toml");

        Snapshot.Match(actual);
    }

    [Theory]
    [InlineData("gpt-4o", "openai")]
    [InlineData("fast", "openai")]
    [InlineData("deepseek-v3.1", "deepseek")]
    [InlineData("qwen2.5-coder", "local,deepseek")]
    [InlineData("llama3.2", "local")]
    public void Worked_example_routes_each_model_to_its_providers(string model, string expected)
    {
        var config = Worked();
        var resolved = AliasResolution.Resolve(config.Routing.Aliases, model);

        var actual = RoutingPlan.Route(
            config, new RouteQuery(resolved, EndpointKind.ChatCompletions), HealthState.Empty, DateTimeOffset.UnixEpoch, 0);

        Assert.Equal(expected, string.Join(',', actual.Order.Select(p => p.Name)));
    }

    [Fact]
    public void Worked_example_refuses_a_model_nobody_serves()
    {
        var actual = RoutingPlan.Route(
            Worked(), new RouteQuery("claude-sonnet-4-5", EndpointKind.ChatCompletions), HealthState.Empty, DateTimeOffset.UnixEpoch, 0);

        Assert.Equal((0, 404), (actual.Order.Length, Core.Errors.OpenAiErrorBody.Status(actual.Refusal!.Kind)));
    }
}
