using Menshen.Simulator;

namespace Menshen.Shell.Tests.Simulator;

public class SimulatedUsageTests
{
    [Fact]
    public void For_chat_counts_words_of_contents_and_text_parts_only()
    {
        const string request = """
            {"model":"m","messages":[
              {"role":"system","content":"be  brief"},
              {"role":"user","content":[{"type":"text","text":"one two\nthree"},
                                        {"type":"image_url","image_url":{"url":"http://x/y z"}}]}]}
            """;

        var actual = SimulatedUsage.For(request, contentPieces: 4, cachedTokens: 2, reasoningTokens: 1);

        Assert.Equal(new SimulatedUsage(5, 4, 2, 1), actual);
        Assert.Equal(9, actual.TotalTokens);
    }

    [Fact]
    public void For_responses_counts_instructions_and_input_items()
    {
        const string request = """
            {"instructions":"answer in French","input":[{"role":"user","content":[{"type":"input_text","text":"hello world"}]}]}
            """;

        var actual = SimulatedUsage.For(request, contentPieces: 1);

        Assert.Equal(5, actual.PromptTokens);
    }

    [Fact]
    public void For_token_array_prompt_counts_one_per_token()
    {
        var actual = SimulatedUsage.For("""{"prompt":[[11,22,33],[44]]}""", contentPieces: 2);

        Assert.Equal(4, actual.PromptTokens);
    }

    [Fact]
    public void For_request_without_prompt_reports_one_prompt_token()
    {
        var actual = SimulatedUsage.For("""{"model":"m","messages":[{"role":"user","content":"   "}]}""", 3);

        Assert.Equal(1, actual.PromptTokens);
    }
}
