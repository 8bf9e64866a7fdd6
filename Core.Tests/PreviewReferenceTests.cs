using System.Text;
using System.Text.Json;
using CsCheck;
using Menshen.Core.Audit;
using Menshen.Core.Dialects.Anthropic;

namespace Menshen.Core.Tests;

/// The request previews decode texts into a pooled buffer instead of strings (a coding agent's
/// megabyte message was a large-object string per row on the writer). Each must give exactly
/// what the string-based reading it replaced gives (kept here as the reference) for any body.
public class PreviewReferenceTests
{
    private static readonly Gen<JsonTree> BlockText = Gen.Frequency(
        (3, PreviewTotalityTests.Text),
        (1, PreviewTotalityTests.Text.Select(t => t is JsonTree.Str s
            ? (JsonTree)new JsonTree.Str("<system-reminder>" + s.Value + "</system-reminder>")
            : t)),
        (1, Gen.OneOf(" ", "\n\t", "").Select(t => (JsonTree)new JsonTree.Str(t))));

    private static readonly Gen<JsonTree> Block = Gen.Select(
        Gen.Frequency(
            (4, Gen.OneOf("text", "tool_result", "image").Select(t => (JsonTree)new JsonTree.Str(t))),
            (1, PreviewTotalityTests.Value)),
        BlockText,
        (type, text) => (JsonTree)PreviewTotalityTests.Obj(("type", type), ("text", text)));

    private static readonly Gen<JsonTree> AnthropicContent = Gen.Frequency(
        (2, PreviewTotalityTests.Text),
        (3, Block.Array[0, 4].Select(bs => (JsonTree)new JsonTree.Arr([.. bs]))),
        (1, PreviewTotalityTests.Value));

    private static readonly Gen<JsonTree> AnthropicRequest = Gen.Select(
        Gen.OneOf("user", "assistant").Select(r => (JsonTree)new JsonTree.Str(r)),
        AnthropicContent,
        (role, content) => (JsonTree)PreviewTotalityTests.Obj(("role", role), ("content", content)))
        .Array[0, 4]
        .Select(ms => (JsonTree)PreviewTotalityTests.Obj(
            ("model", new JsonTree.Str("m")), ("messages", new JsonTree.Arr([.. ms]))));

    [Fact]
    public void Request_preview_is_the_string_based_reading()
    {
        PreviewTotalityTests.Body(PreviewTotalityTests.Request).Sample(
            body => Assert.Equal(Reference.Request(body), RequestPreview.Of(body)), iter: 5000);
    }

    [Fact]
    public void Anthropic_request_preview_is_the_string_based_reading()
    {
        PreviewTotalityTests.Body(Gen.Frequency(
                (3, AnthropicRequest), (1, PreviewTotalityTests.Request)))
            .Sample(body => Assert.Equal(Reference.Anthropic(body), AnthropicRequestPreview.Of(body)),
                iter: 5000);
    }

    [Fact]
    public void A_megabyte_message_previews_its_start()
    {
        var text = "<<<BEGIN_X_CONTEXT>>> ctx <<<END_X_CONTEXT>>>";
        var big = new string('a', 1 << 20) + "\\n";
        var body = Encoding.UTF8.GetBytes(
            "{\"messages\":[{\"role\":\"user\",\"content\":\"" + big + "\"},"
            + "{\"role\":\"user\",\"content\":\"" + text + "\"}]}");
        Assert.Equal(new string('a', 200) + "…", RequestPreview.Of(body));
        Assert.Equal(Reference.Request(body), RequestPreview.Of(body));
    }

    /// The writer previews every stream: a `[DONE]` line was read as an empty JSON text (a
    /// bare null became an empty ReadOnlyMemory), one exception thrown and caught a row.
    [Fact]
    public void A_stream_preview_throws_nothing_inside()
    {
        var stream = Encoding.UTF8.GetBytes(
            "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n"
            + ": keep-alive\n\ndata: [DONE]\n\n");
        var thread = Environment.CurrentManagedThreadId;
        var thrown = 0;
        void Count(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            if (Environment.CurrentManagedThreadId == thread) thrown++;
        }
        AppDomain.CurrentDomain.FirstChanceException += Count;
        string? preview;
        try
        {
            preview = ResponsePreview.Of(stream, "text/event-stream");
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }

        Assert.Equal(("Hi", 0), (preview, thrown));
    }

    /// The readings as they were before the pooled buffer (2026-12-07, d7f395f), but for one
    /// change made on purpose: Anthropic's role and block type are compared without decoding
    /// them, so a role of invalid UTF-8 no longer hides the request's other messages.
    private static class Reference
    {
        public static string? Request(byte[] body)
        {
            if (body.Length == 0) return null;
            var text = Parse(body, FromRoot);
            return PreviewText.Clip(text ?? PreviewText.Decode(body), PreviewText.DefaultMaxChars);
        }

        public static string? Anthropic(byte[] body) =>
            body.Length == 0 ? null
            : PreviewText.Clip(Parse(body, LastUserText)) ?? Request(body);

        private static string? Parse(byte[] json, Func<JsonElement, string?> read)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                return read(document.RootElement);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                return null;
            }
        }

        private static string? FromRoot(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object) return null;
            if (root.TryGetProperty("messages", out var messages)) return LastUserContent(messages);
            if (root.TryGetProperty("input", out var input))
                return input.ValueKind == JsonValueKind.Array
                    ? LastUserContent(input) ?? FirstString(input)
                    : input.ValueKind == JsonValueKind.String ? input.GetString() : null;
            return root.TryGetProperty("prompt", out var prompt) ? FirstString(prompt) : null;
        }

        private static string? LastUserContent(JsonElement items)
        {
            if (items.ValueKind != JsonValueKind.Array) return null;
            string? last = null, lastTyped = null;
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object
                    && item.TryGetProperty("role", out var role)
                    && role.ValueKind == JsonValueKind.String && role.ValueEquals("user")
                    && item.TryGetProperty("content", out var content)
                    && ContentText(content) is { } text)
                {
                    last = text;
                    if (!InjectedContext.IsBlock(text)) lastTyped = text;
                }
            }
            return lastTyped ?? last;
        }

        private static string? ContentText(JsonElement content)
        {
            if (content.ValueKind == JsonValueKind.String) return content.GetString();
            if (content.ValueKind != JsonValueKind.Array) return null;
            var builder = new StringBuilder();
            foreach (var part in content.EnumerateArray())
            {
                if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var t)
                    && t.ValueKind == JsonValueKind.String)
                    builder.Append(builder.Length > 0 ? " " : "").Append(t.GetString());
            }
            return builder.Length > 0 ? builder.ToString() : null;
        }

        private static string? FirstString(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Array => value.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString())
                .FirstOrDefault(),
            _ => null,
        };

        private static string? LastUserText(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("messages", out var messages)
                || messages.ValueKind != JsonValueKind.Array) return null;
            string? last = null;
            foreach (var message in messages.EnumerateArray())
            {
                if (message.ValueKind == JsonValueKind.Object
                    && message.TryGetProperty("role", out var role)
                    && role.ValueKind == JsonValueKind.String && role.ValueEquals("user")
                    && message.TryGetProperty("content", out var content)
                    && Said(content) is { } text)
                    last = text;
            }
            return last;
        }

        private static string? Said(JsonElement c)
        {
            if (c.ValueKind == JsonValueKind.String) return c.GetString();
            if (c.ValueKind != JsonValueKind.Array) return null;
            var text = new StringBuilder();
            foreach (var block in c.EnumerateArray())
            {
                if (block.ValueKind != JsonValueKind.Object
                    || !block.TryGetProperty("type", out var type)
                    || type.ValueKind != JsonValueKind.String || !type.ValueEquals("text")
                    || !block.TryGetProperty("text", out var t)
                    || t.ValueKind != JsonValueKind.String) continue;
                var part = t.GetString();
                if (string.IsNullOrWhiteSpace(part) || IsReminder(part)) continue;
                text.Append(text.Length > 0 ? " " : "").Append(part);
            }
            return text.Length > 0 ? text.ToString() : null;
        }

        private static bool IsReminder(string text)
        {
            var span = text.AsSpan().Trim();
            return span.StartsWith("<system-reminder>", StringComparison.Ordinal)
                && span.EndsWith("</system-reminder>", StringComparison.Ordinal);
        }
    }
}
