using System.Text;
using Menshen.Core.Dialects.Anthropic;

namespace Menshen.Core.Tests;

public class AnthropicRequestPreviewTests
{
    private static string? Preview(string body) => AnthropicRequestPreview.Of(Encoding.UTF8.GetBytes(body));

    [Fact]
    public void The_last_user_text_without_system_reminders_is_shown()
    {
        var actual = Preview("""{"model":"claude","messages":[{"role":"user","content":[{"type":"text","text":"<system-reminder>\nAttribution rules\n</system-reminder>"},{"type":"text","text":"hi"}]}]}""");

        Assert.Equal("hi", actual);
    }

    [Fact]
    public void A_turn_of_only_tool_results_shows_the_last_words_of_the_user()
    {
        var actual = Preview("""{"messages":[{"role":"user","content":"list the files"},{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"Bash","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":"a.txt"}]}]}""");

        Assert.Equal("list the files", actual);
    }

    [Fact]
    public void Only_reminders_fall_back_to_the_generic_preview()
    {
        var actual = Preview("""{"messages":[{"role":"user","content":[{"type":"text","text":"<system-reminder>x</system-reminder>"}]}]}""");

        Assert.Equal("<system-reminder>x</system-reminder>", actual);
    }

    [Fact]
    public void A_body_that_is_not_json_shows_its_start() => Assert.Equal("not json", Preview("not json"));
}
