using CsCheck;
using Menshen.Core.Audit;

namespace Menshen.Core.Tests;

/// Agents such as OpenClaw append their own context block as the last user message; the audit
/// preview shows what the person typed instead.
public class AgentRequestPreviewTests
{
    /// What a person types: never blank, never a marker block.
    private static readonly Gen<string> Typed = CacheGens.Text.Select(t => "ask " + t);

    private static readonly Gen<string> Block = Gen.Select(
        Gen.OneOf("OPENCLAW_INTERNAL_CONTEXT", "CONTEXT", "AGENT_2_CONTEXT"), CacheGens.Text,
        Gen.OneOf("", "\n", "  "),
        (name, body, pad) => $"{pad}<<<BEGIN_{name}>>>\n{body}\n<<<END_{name}>>>{pad}");

    /// A user message as a string or as text parts.
    private static JsonTree UserMessage(string text, bool asParts) =>
        Obj(("role", Str("user")), ("content", asParts
            ? new JsonTree.Arr([Obj(("type", Str("text")), ("text", Str(text)))])
            : Str(text)));

    private static Gen<JsonTree> UserMessage(Gen<string> text) =>
        Gen.Select(text, Gen.Bool, UserMessage);

    private static readonly Gen<JsonTree> Reply =
        Typed.Select(t => (JsonTree)Obj(("role", Str("assistant")), ("content", Str(t))));

    [Fact]
    public void Context_blocks_after_the_persons_message_leave_the_preview_the_persons_words()
    {
        Gen.Select(Gen.Frequency((3, UserMessage(Typed)), (1, Reply)).Array[0, 3],
                Gen.Select(Typed, Gen.Bool), UserMessage(Block).Array[1, 3], Gen.Bool)
            .Sample((earlier, typed, blocks, chat) =>
            {
                var messages = new JsonTree.Arr([
                    Obj(("role", Str("system")), ("content", Str("You are an agent."))),
                    .. earlier, UserMessage(typed.Item1, typed.Item2), .. blocks]);
                var body = Request(messages, chat);
                return RequestPreview.Of(body) == PreviewText.Clip(typed.Item1);
            });
    }

    [Fact]
    public void When_every_user_message_is_a_block_the_preview_is_the_last_block()
    {
        Gen.Select(Gen.Select(Block, Gen.Bool).Array[1, 3], Gen.Bool).Sample((blocks, chat) =>
        {
            var messages = new JsonTree.Arr([.. blocks.Select(b => UserMessage(b.Item1, b.Item2))]);
            return RequestPreview.Of(Request(messages, chat)) == PreviewText.Clip(blocks[^1].Item1);
        });
    }

    [Fact]
    public void Text_around_a_block_or_unmatched_markers_make_it_no_block()
    {
        Gen.Select(Block, Typed).Sample((block, typed) =>
            InjectedContext.IsBlock(block)
            && !InjectedContext.IsBlock(typed + block)
            && !InjectedContext.IsBlock(block + typed)
            && !InjectedContext.IsBlock(
                block.Replace("<<<END_", "<<<END_X", StringComparison.Ordinal))
            && !InjectedContext.IsBlock(
                block.Replace("CONTEXT>>>", "NOTES>>>", StringComparison.Ordinal)));
    }

    private static byte[] Request(JsonTree.Arr messages, bool chat) =>
        System.Text.Encoding.UTF8.GetBytes(JsonRender.Plain(chat
            ? Obj(("model", Str("m")), ("stream", new JsonTree.Raw("true")), ("messages", messages))
            : Obj(("model", Str("m")), ("input", messages))));

    private static JsonTree.Str Str(string value) => new(value);

    private static JsonTree.Obj Obj(params (string Key, JsonTree Value)[] members) =>
        new([.. members.Select(m => KeyValuePair.Create(m.Key, m.Value))]);
}
