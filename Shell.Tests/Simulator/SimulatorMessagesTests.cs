using System.Net;
using System.Text.Json;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Simulator;

/// <summary>The Messages API: JSON replies, usage with cache fields, tool_use, count_tokens.</summary>
public class SimulatorMessagesTests : SimulatorTestBase
{
    internal const string Hello =
        """{"model":"claude-sim-1","max_tokens":64,"system":"be brief","messages":[{"role":"user","content":"say hello twice"}]}""";

    internal const string WithTools =
        """{"model":"claude-sim-1","max_tokens":64,"messages":[{"role":"user","content":"weather?"}],"tools":[{"name":"get_weather","input_schema":{"type":"object"}}]}""";

    [Fact]
    public async Task Messages_json_reply_carries_text_and_exact_usage()
    {
        var expected = SimulatedUsage.For(Hello, Sim.Options.Chunks);

        var (response, body) = await SendAsync(Post("messages", Hello));
        var actual = Parse(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("message", actual.GetProperty("type").GetString());
        Assert.Equal("claude-sim-1", actual.GetProperty("model").GetString());
        Assert.Equal("end_turn", actual.GetProperty("stop_reason").GetString());
        var text = actual.GetProperty("content").EnumerateArray().Single().GetProperty("text").GetString();
        Assert.Equal(Sim.Options.Chunks, SimulatedUsage.CountWords(text));
        Assert.Equal(5, expected.PromptTokens);
        Assert.Equal(expected, UsageOf(actual.GetProperty("usage")));
    }

    [Fact]
    public async Task Messages_cache_headers_fill_the_cache_fields_beside_input_tokens()
    {
        var expected = SimulatedUsage.For(Hello, Sim.Options.Chunks, cachedTokens: 11) with
        {
            CacheWrite5mTokens = 3,
            CacheWrite1hTokens = 4,
        };

        var (_, body) = await SendAsync(Post("messages", Hello, ("x-sim-cached-tokens", "11"),
            ("x-sim-cache-write-tokens", "3"), ("x-sim-cache-write-1h-tokens", "4")));
        var usage = Parse(body).GetProperty("usage");

        Assert.Equal(expected, UsageOf(usage));
        Assert.Equal(7, usage.GetProperty("cache_creation_input_tokens").GetInt32());
    }

    [Fact]
    public async Task Messages_with_tools_answers_with_a_tool_use_block_and_counts_its_input_as_output()
    {
        var (_, body) = await SendAsync(Post("messages", WithTools));
        var actual = Parse(body);

        var blocks = actual.GetProperty("content").EnumerateArray().ToArray();
        Assert.Equal(["text", "tool_use"], blocks.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("get_weather", blocks[1].GetProperty("name").GetString());
        Assert.StartsWith("toolu_", blocks[1].GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, blocks[1].GetProperty("input").ValueKind);
        Assert.Equal("tool_use", actual.GetProperty("stop_reason").GetString());
        Assert.Equal(Sim.Options.Chunks + 3, actual.GetProperty("usage").GetProperty("output_tokens").GetInt32());
    }

    [Fact]
    public async Task Messages_after_a_tool_result_answers_with_text_only()
    {
        const string request = """{"model":"m","max_tokens":9,"tools":[{"name":"t"}],"messages":[{"role":"user","content":"go"},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"t","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"done"}]}]}""";

        var (_, body) = await SendAsync(Post("messages", request));
        var actual = Parse(body);

        Assert.Equal("end_turn", actual.GetProperty("stop_reason").GetString());
        Assert.Single(actual.GetProperty("content").EnumerateArray());
    }

    [Fact]
    public async Task Messages_tool_use_header_0_turns_tool_use_off()
    {
        var (_, body) = await SendAsync(Post("messages", WithTools, ("x-sim-tool-use", "0")));

        Assert.Equal("end_turn", Parse(body).GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task CountTokens_reports_the_input_count_only()
    {
        var (response, body) = await SendAsync(Post("messages/count_tokens", Hello));
        var actual = Parse(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["input_tokens"], actual.EnumerateObject().Select(p => p.Name));
        Assert.Equal(SimulatedUsage.For(Hello, 0).PromptTokens, actual.GetProperty("input_tokens").GetInt32());
    }

    [Theory]
    [InlineData(529, "overloaded_error")]
    [InlineData(401, "authentication_error")]
    [InlineData(429, "rate_limit_error")]
    [InlineData(500, "api_error")]
    [InlineData(400, "invalid_request_error")]
    public async Task Messages_status_header_gives_an_anthropic_error(int status, string type)
    {
        var (response, body) = await SendAsync(Post("messages", Hello, ("x-sim-status", $"{status}")));
        var actual = Parse(body);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("error", actual.GetProperty("type").GetString());
        Assert.Equal(type, actual.GetProperty("error").GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(actual.GetProperty("error").GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Messages_malformed_json_gives_an_anthropic_400()
    {
        var (response, body) = await SendAsync(Post("messages", "{\"model\":"));
        var actual = Parse(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", actual.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task FailStatus_option_529_applies_to_messages()
    {
        Sim.Options.FailStatus = 529;

        var (actual, _) = await SendAsync(Post("messages", Hello));

        Assert.Equal(529, (int)actual.StatusCode);
    }

    internal static SimulatedUsage UsageOf(JsonElement usage) => new(
        usage.GetProperty("input_tokens").GetInt32(),
        usage.GetProperty("output_tokens").GetInt32(),
        usage.GetProperty("cache_read_input_tokens").GetInt32(),
        ReasoningTokens: 0,
        usage.GetProperty("cache_creation").GetProperty("ephemeral_5m_input_tokens").GetInt32(),
        usage.GetProperty("cache_creation").GetProperty("ephemeral_1h_input_tokens").GetInt32());
}
