using System.Text;
using Menshen.Core.Usage;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Gateway;

/// The capture cap limits what is stored, never what is counted (issue 14): the usage at the end
/// of a JSON answer far larger than the cap is read as the bytes pass.
public class LargeAnswerUsageTests
{
    [Fact]
    public async Task Usage_of_an_answer_larger_than_the_capture_cap_is_recorded()
    {
        var content = string.Concat(Enumerable.Repeat("lorem ipsum dolor sit amet ", 40_000));
        var answer = Encoding.UTF8.GetBytes($$$"""
            {"id":"c1","object":"chat.completion","model":"m","choices":[{"index":0,"message":
            {"role":"assistant","content":"{{{content}}}"},"finish_reason":"stop"}],
            "usage":{"prompt_tokens":5,"completion_tokens":270000,"total_tokens":270005}}
            """);
        await using var upstream = await FixedUpstream.StartAsync(answer, "application/json");
        await using var env = await TestEnv.StartAsync(configure: _ =>
            TestConfigs.With(TestConfigs.Provider("big", upstream.BaseUrl)) with
            {
                Logging = new Core.Config.LoggingConfig(true, true, 4096),
            }, audit: true);

        const string chat = """{"model":"m","messages":[]}""";
        using var response = await env.PostAsync("/v1/chat/completions", chat);
        var relayed = await response.Content.ReadAsByteArrayAsync();

        var stored = (await env.Store!.StoredAsync((await env.Sink.NextAsync()).Id)).Exchange;
        Assert.Equal(answer.Length, relayed.Length);
        Assert.Equal((UsageSource.Body, new TokenUsage(5, 270_000, 270_005, null, null)),
            (stored.UsageSource, stored.Usage));
        var body = stored.ResponseBody!;
        Assert.Equal((4096, true, (long)answer.Length),
            (body.Bytes.Length, body.Truncated, stored.ResponseBytes));
    }
}
