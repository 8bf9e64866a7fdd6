using System.Text;
using Menshen.Core.Dialects;
using Menshen.Core.Routing;
using Menshen.Core.Usage;

namespace Menshen.Core.Tests;

/// What the relay's watch reads from an answer: where the usage came from, and whether the
/// answer was whole and without an error inside it (only then may it be cached).
public class ResponseWatchTests
{
    private const string ChatUsage =
        "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,\"total_tokens\":7}";

    private static UsageReading Read(EndpointKind kind, string? contentType, string body)
    {
        var watch = ResponseWatch.For(kind, contentType);
        var fold = watch.StartFold();
        return watch.Finish(fold?.Fold(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void A_json_body_s_usage_comes_from_the_body_and_a_stream_s_from_the_stream()
    {
        var body = Read(EndpointKind.ChatCompletions, "application/json",
            "{\"id\":\"c\",\"choices\":[]," + ChatUsage + "}");
        var stream = Read(EndpointKind.ChatCompletions, "text/event-stream",
            "data: {\"choices\":[]," + ChatUsage + "}\n\ndata: [DONE]\n\n");
        var none = Read(EndpointKind.ChatCompletions, "application/json", "{\"choices\":[]}");

        Assert.Equal((UsageSource.Body, 7L, true), (body.Source, body.Usage?.TotalTokens,
            body.StreamCompleted));
        Assert.Equal((UsageSource.Stream, 7L, true), (stream.Source, stream.Usage?.TotalTokens,
            stream.StreamCompleted));
        Assert.Equal((UsageSource.None, (TokenUsage?)null), (none.Source, none.Usage));
    }

    [Fact]
    public void A_passed_through_answer_is_not_read()
    {
        var watch = ResponseWatch.For(EndpointKind.Passthrough, "application/json");

        Assert.Null(watch.StartFold());
        Assert.Same(UsageReading.Nothing, watch.Finish(null));
    }

    // A body cut short is no answer; a whole body whose root says `error` ended, but is not a
    // complete answer (never cached), for either dialect's body fold.
    [Theory]
    [InlineData(EndpointKind.ChatCompletions)]
    [InlineData(EndpointKind.Messages)]
    public void A_body_is_complete_only_whole_and_without_an_error(EndpointKind kind)
    {
        var whole = Read(kind, "application/json", "{\"id\":\"x\"}");
        var cut = Read(kind, "application/json", "{\"id\":\"x\"");
        var error = Read(kind, "application/json", "{\"error\":{\"message\":\"boom\"}}");

        Assert.Equal((true, true), (whole.StreamCompleted, whole.AnswerEnded));
        Assert.Equal((false, false), (cut.StreamCompleted, cut.AnswerEnded));
        Assert.Equal((false, true), (error.StreamCompleted, error.AnswerEnded));
        Assert.NotNull(error.StreamError);
    }

    [Theory]
    [InlineData(true, null, true)]
    [InlineData(false, null, false)]
    [InlineData(true, false, false)]
    [InlineData(false, true, true)]
    public void The_answer_ended_as_said_else_when_the_stream_completed(
        bool completed, bool? ended, bool expected) =>
        Assert.Equal(expected, new StreamReading(null, completed, Ended: ended).AnswerEnded);
}
