using System.Text;

namespace Menshen.CoreBench;

/// Realistic inputs shared by the benchmarks: an OpenAI-shaped chat request and a streamed reply.
public static class Samples
{
    public const int ContentChunks = 40;

    private const string ChunkPrefix =
        "data: {\"id\":\"chatcmpl-9x2bench\",\"object\":\"chat.completion.chunk\",\"created\":1732400000," +
        "\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_0ba0d124f1\",\"choices\":[";

    /// A chat request of about 600 bytes: a system prompt, two turns and a question.
    public static byte[] ChatRequest(bool stream) => Encoding.UTF8.GetBytes(
        "{\"model\":\"gpt-4o-mini\",\"temperature\":0.2,\"messages\":[" +
        "{\"role\":\"system\",\"content\":\"You are a concise assistant for a software team. Answer in plain English.\"}," +
        "{\"role\":\"user\",\"content\":\"What does a reverse proxy do, in one paragraph?\"}," +
        "{\"role\":\"assistant\",\"content\":\"A reverse proxy accepts client requests on behalf of one or more " +
        "servers, forwards them, and relays the answers back, adding caching, TLS or load balancing.\"}," +
        "{\"role\":\"user\",\"content\":\"And how is an AI gateway different from a plain reverse proxy?\"}]" +
        (stream ? ",\"stream\":true}" : "}"));

    /// A long conversation (about 8 KB), the size where hashing and canonical JSON start to show.
    public static byte[] LongChatRequest()
    {
        var messages = new StringBuilder();
        for (var i = 0; i < 40; i++)
        {
            var role = i % 2 == 0 ? "user" : "assistant";
            messages.Append(i == 0 ? "" : ",")
                .Append("{\"role\":\"").Append(role).Append("\",\"content\":\"Turn ").Append(i)
                .Append(": the quick brown fox jumps over the lazy dog, again and again, and again.\"}");
        }
        return Encoding.UTF8.GetBytes($"{{\"model\":\"gpt-4o-mini\",\"messages\":[{messages}],\"stream\":true}}");
    }

    /// A coding agent's request of about 100 KB: a long system prompt, 20 tool definitions and
    /// 30 turns whose tool results carry file contents; the last user message is short.
    public static byte[] AgentRequest()
    {
        var filler = string.Concat(Enumerable.Repeat(
            "    public void Handle(Request request) => _next.Invoke(request); // line\\n", 80));
        var tools = string.Join(",", Enumerable.Range(0, 20).Select(i =>
            $"{{\"type\":\"function\",\"function\":{{\"name\":\"tool_{i}\",\"description\":" +
            $"\"Reads or edits files in the workspace, variant {i}.\",\"parameters\":{{\"type\":" +
            "\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}}}"));
        var turns = new StringBuilder();
        for (var i = 0; i < 30; i++)
        {
            turns.Append(',').Append(i % 2 == 0
                ? $"{{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{{\"id\":\"call_{i}\"," +
                  $"\"type\":\"function\",\"function\":{{\"name\":\"tool_1\",\"arguments\":" +
                  "\"{\\\"path\\\":\\\"src/app.cs\\\"}\"}}]}"
                : $"{{\"role\":\"tool\",\"tool_call_id\":\"call_{i - 1}\",\"content\":\"{filler}\"}}");
        }
        return Encoding.UTF8.GetBytes(
            "{\"model\":\"gpt-4.1\",\"stream\":true,\"tools\":[" + tools + "],\"messages\":[" +
            "{\"role\":\"system\",\"content\":\"" + filler + "\"}," +
            "{\"role\":\"user\",\"content\":\"Fix the failing test in src/app.cs.\"}" + turns +
            ",{\"role\":\"user\",\"content\":\"Now run the tests again.\"}]}");
    }

    /// A non-streamed chat answer as an OpenAI-compatible upstream returns it.
    public static byte[] ChatAnswer() => Encoding.UTF8.GetBytes(
        "{\"id\":\"chatcmpl-9x2bench\",\"object\":\"chat.completion\",\"created\":1732400000," +
        "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":{\"role\":" +
        "\"assistant\",\"content\":\"An AI gateway understands the requests it forwards: it routes " +
        "by model, injects keys, fails over and audits token usage.\"},\"finish_reason\":\"stop\"}]," +
        "\"usage\":{\"prompt_tokens\":96,\"completion_tokens\":24,\"total_tokens\":120}}");

    /// The events of a streamed chat reply with include_usage: role, 40 content deltas, finish,
    /// the usage-only chunk and [DONE]; each event as the upstream writes it.
    public static IReadOnlyList<byte[]> ChatStreamEvents()
    {
        var events = new List<byte[]> { Event("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}") };
        for (var i = 0; i < ContentChunks; i++)
            events.Add(Event($"{{\"index\":0,\"delta\":{{\"content\":\" word{i}\"}},\"logprobs\":null,\"finish_reason\":null}}],\"usage\":null}}"));
        events.Add(Event("{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}"));
        events.Add(Event("],\"usage\":{\"prompt_tokens\":96,\"completion_tokens\":40,\"total_tokens\":136," +
            "\"prompt_tokens_details\":{\"cached_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0}}}"));
        events.Add("data: [DONE]\n\n"u8.ToArray());
        return events;
    }

    /// The whole reply cut into pieces of `size` bytes, as reads of that size would see it.
    public static IReadOnlyList<byte[]> Cut(IReadOnlyList<byte[]> events, int size)
    {
        var whole = events.SelectMany(e => e).ToArray();
        return whole.Chunk(size).ToArray();
    }

    private static byte[] Event(string afterChoices) => Encoding.UTF8.GetBytes(ChunkPrefix + afterChoices + "\n\n");
}
