using System.Text;
using Menshen.Core.Audit;
using Menshen.Core.Caching;
using Menshen.Core.Exchanges;
using Menshen.Core.Routing;
using Menshen.Core.Usage;

namespace Menshen.Shell.Tests.Storage;

/// Exchanges for storage tests: one with every field set, small ones, cacheable ones.
public static class SampleExchanges
{
    public static readonly DateTimeOffset At = new(2026, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    public const string ChatRequest =
        """{"model":"gpt-4o","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello"},{"role":"user","content":"What is   WAL\nmode?"}]}""";

    public const string ChatResponse =
        """{"id":"c1","choices":[{"index":0,"message":{"role":"assistant","content":"Write-ahead logging."}}],"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}}""";

    public static long IdAt(DateTimeOffset at, int n = 0) => at.ToUnixTimeMilliseconds() * 1000 + n;

    public static Exchange Full(long id) => new()
    {
        Id = id,
        StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(id / 1000),
        ClientKey = "laptop",
        Method = "POST",
        Path = "/v1/chat/completions",
        Endpoint = EndpointKind.ChatCompletions,
        Provider = "openai",
        RequestedModel = "gpt-4o",
        EffectiveModel = "gpt-4o-2024-08-06",
        Stream = false,
        Status = 200,
        DurationMs = 812.25,
        TtfbMs = 640.5,
        Attempts = [new AttemptRecord("azure", null, "connect refused", 3.5), new AttemptRecord("openai", 200, null, 805.75)],
        Note = ExchangeNote.Parse("first provider refused"),
        ClientClosed = false,
        RequestBytes = 777,
        ResponseBytes = 888,
        RequestBody = Body(ChatRequest),
        ResponseBody = Body(ChatResponse),
        ResponseContentType = "application/json",
        Complete = true,
        Usage = new TokenUsage(12, 5, 17, 3, 2),
        UsageSource = UsageSource.Body,
        CostUsd = 0.0123m,
        Cache = CacheStatus.Miss,
        CacheSourceId = null,
        CacheKey = new string('a', 64),
        CacheEligible = true,
    };

    public static Exchange Small(long id, string? model = "gpt-4o") => new()
    {
        Id = id,
        StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(id / 1000),
        Method = "POST",
        Path = "/v1/chat/completions",
        Endpoint = EndpointKind.ChatCompletions,
        EffectiveModel = model,
        Status = 200,
        DurationMs = 1,
        RequestBody = Body("{}"),
        ResponseBody = Body("{}"),
    };

    public static Exchange Cacheable(long id, string key, string response) => new()
    {
        Id = id,
        StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(id / 1000),
        Method = "POST",
        Path = "/v1/chat/completions",
        Endpoint = EndpointKind.ChatCompletions,
        Status = 200,
        DurationMs = 5,
        RequestBody = Body(ChatRequest),
        ResponseBody = Body(response),
        ResponseContentType = "application/json",
        Complete = true,
        Usage = new TokenUsage(10, 4, 14, null, null),
        UsageSource = UsageSource.Body,
        CostUsd = 0.5m,
        Cache = CacheStatus.Miss,
        CacheKey = key,
        CacheEligible = true,
    };

    public static CapturedBody Body(string text) => new(Encoding.UTF8.GetBytes(text), Encoding.UTF8.GetByteCount(text));
}
