using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Menshen.Simulator.Replies;
using Menshen.Simulator.Replies.Messages;

namespace Menshen.Simulator.Http;

/// <summary>Builds the reply to a request; in bench mode, replies are memoized per request.</summary>
internal sealed class ReplyFactory
{
    // Bench clients repeat a handful of bodies; the cap only stops a runaway client from growing memory.
    private const int MemoCapacity = 1024;
    private const string DefaultModel = "sim-model";

    private static readonly SimReply ModelList = ModelReplies.List();

    private readonly ConcurrentDictionary<MemoKey, SimReply> _memo = new();
    private readonly long _fastCreated = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private long _lastId;

    public SimReply For(Route route, byte[] body, RequestSettings settings)
    {
        if (settings.FailStatus is { } status)
            return route.IsAnthropic ? AnthropicErrorReplies.Simulated(status) : ErrorReplies.Simulated(status);
        return route.Kind switch
        {
            RouteKind.Models => settings.Models is { } served
                ? ModelReplies.List(served) : ModelList,
            RouteKind.Model => ModelReplies.One(route.ModelId ?? DefaultModel),
            _ when settings.Fast && !settings.HasMessagesKnobs => Memoized(route.Kind, body, settings),
            _ => FromJson(route.Kind, body, settings),
        };
    }

    private SimReply Memoized(RouteKind kind, byte[] body, RequestSettings s)
    {
        var key = new MemoKey(kind, s.Chunks, s.CachedTokens, s.ReasoningTokens, s.ContentText, body);
        if (_memo.TryGetValue(key, out var reply))
            return reply;
        reply = FromJson(kind, body, s);
        if (_memo.Count < MemoCapacity)
            _memo.TryAdd(key, reply);
        return reply;
    }

    private SimReply FromJson(RouteKind kind, byte[] body, RequestSettings settings)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return IsAnthropic(kind) ? AnthropicErrorReplies.MalformedJson(e.Message) : ErrorReplies.MalformedJson(e.Message);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
                return Generate(kind, root, settings);
            return IsAnthropic(kind) ? AnthropicErrorReplies.NotAnObject() : ErrorReplies.NotAnObject();
        }
    }

    private SimReply Generate(RouteKind kind, JsonElement request, RequestSettings settings)
    {
        if (settings.Models is { } served && !served.Contains(Model(request)))
            return IsAnthropic(kind) ? AnthropicErrorReplies.NotFound(Model(request))
                : ErrorReplies.ModelNotFound(Model(request));
        if (kind == RouteKind.Messages)
            return Messages(request, settings);
        var context = Context(kind, request, settings);
        return kind switch
        {
            RouteKind.ChatCompletions => ChatReplies.Build(context),
            RouteKind.Completions => TextCompletionReplies.Build(context),
            RouteKind.Responses => ResponsesReplies.Build(context),
            RouteKind.ResponsesCompact => CompactionReplies.Build(context),
            RouteKind.Embeddings => EmbeddingReplies.Build(request, context),
            RouteKind.CountTokens => MessagesReplies.CountTokens(context),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a generation endpoint"),
        };
    }

    // Output tokens count the text pieces and the tool input's pieces; cache traffic is as asked.
    private SimReply Messages(JsonElement request, RequestSettings s)
    {
        var context = Context(RouteKind.Messages, request, s);
        var tool = s.ToolUse ? ToolCall.For(request, context.IdSuffix, context.Content) : null;
        var usage = context.Usage with
        {
            CompletionTokens = context.Pieces.Count + (tool?.InputPieces.Count ?? 0),
            CacheWrite5mTokens = s.CacheWrite5mTokens,
            CacheWrite1hTokens = s.CacheWrite1hTokens,
        };
        return MessagesReplies.Build(new MessagesContext(context with { Usage = usage }, tool, s.ErrorAfter));
    }

    private static bool IsAnthropic(RouteKind kind) => new Route(kind).IsAnthropic;

    private ReplyContext Context(RouteKind kind, JsonElement request, RequestSettings s)
    {
        var pieces = kind is RouteKind.Embeddings or RouteKind.CountTokens ? [] : ReplyContext.CutPieces(s.ContentText, s.Chunks);
        var usage = SimulatedUsage.For(request, pieces.Length, s.CachedTokens, s.ReasoningTokens);
        var stream = IsTrue(request, "stream");
        var includeUsage = stream && request.TryGetProperty("stream_options", out var options)
            && options.ValueKind == JsonValueKind.Object && IsTrue(options, "include_usage");
        return new ReplyContext(
            IdSuffix: s.Fast ? "simfast" : NextIdSuffix(s.IdPrefix),
            Created: s.Fast ? _fastCreated : DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            Model: Model(request),
            Pieces: pieces,
            Usage: usage,
            Stream: stream,
            IncludeUsage: includeUsage);
    }

    private string NextIdSuffix(string prefix) =>
        prefix + Interlocked.Increment(ref _lastId).ToString("x12", CultureInfo.InvariantCulture);

    private static string Model(JsonElement request) =>
        request.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String
            ? model.GetString() ?? DefaultModel
            : DefaultModel;

    private static bool IsTrue(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
