using System.Text;
using Menshen.Core.Routing;
using Menshen.Core.Usage;

namespace Menshen.Core.Tests;

public class SseUsageParserLimitTests
{
    private const string Good = "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":3}}\n\n";

    // A usage event padded past the line limit: it would count if the limit were not enforced.
    private static readonly string Overlong = "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":9},\"pad\":\""
        + new string('x', SseUsageParser.MaxLineBytes) + "\"}\n\n";

    [Theory]
    [InlineData(1 << 16)]
    [InlineData(int.MaxValue)]
    public void Finish_overlong_line_is_dropped_and_parser_resyncs(int chunkSize)
    {
        var bytes = Encoding.UTF8.GetBytes(Overlong + Good);

        var actual = SseUsageParser.ParseAll(EndpointKind.ChatCompletions, Chunking.Split(bytes, Sizes(chunkSize)));

        Assert.Equal(new TokenUsage(2, 3, 5, null, null), actual.Usage);
    }

    [Fact]
    public void Finish_overlong_last_line_gives_no_usage()
    {
        var bytes = Encoding.UTF8.GetBytes(Good + Overlong.TrimEnd('\n'));

        var actual = SseUsageParser.ParseAll(EndpointKind.ChatCompletions, Chunking.Split(bytes, Sizes(1 << 16)));

        Assert.Equal(new TokenUsage(2, 3, 5, null, null), actual.Usage);
    }

    [Fact]
    public void Step_line_just_under_the_limit_is_kept()
    {
        var head = "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":9},\"pad\":\"";
        var line = head + new string('x', SseUsageParser.MaxLineBytes - head.Length - 2) + "\"}";
        var bytes = Encoding.UTF8.GetBytes(line + "\n\n");

        var actual = SseUsageParser.ParseAll(EndpointKind.ChatCompletions, Chunking.Split(bytes, Sizes(1 << 16)));

        Assert.Equal(new TokenUsage(9, 0, 9, null, null), actual.Usage);
    }

    private static IEnumerable<int> Sizes(int size) => Enumerable.Repeat(size, 200);
}
