using System.Text;
using Menshen.Core.Audit;
using Menshen.Core.Caching;
using Menshen.Core.Exchanges;
using Menshen.Core.Routing;
using Menshen.Core.Usage;

namespace Menshen.Shell.Tests.Reports;

/// Audit rows for the report tests, and the seeded set whose report numbers the tests spell out.
public static class ReportRows
{
    /// The report clock: every window ends here.
    public static readonly DateTimeOffset Now = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    public static long IdAt(DateTimeOffset at, int n = 0) => at.ToUnixTimeMilliseconds() * 1000 + n;

    public static Exchange Row(
        DateTimeOffset at, string? model = "gpt-4o", string? provider = "openai", string? key = "alice",
        int status = 200, double duration = 100, TokenUsage? usage = null, decimal? cost = null,
        CacheStatus cache = CacheStatus.Miss, bool stream = false, int n = 0) => new()
        {
            Id = IdAt(at, n),
            StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds()),
            ClientKey = key,
            Method = "POST",
            Path = "/v1/chat/completions",
            Endpoint = EndpointKind.ChatCompletions,
            Provider = provider,
            RequestedModel = model,
            EffectiveModel = model,
            Stream = stream,
            Status = status,
            DurationMs = duration,
            Attempts = provider is null ? [] : [new AttemptRecord(provider, status, null, duration)],
            RequestBytes = 100,
            ResponseBytes = 200,
            Usage = usage,
            UsageSource = usage is null ? UsageSource.None : cache == CacheStatus.Hit ? UsageSource.Cache : UsageSource.Body,
            CostUsd = cost,
            Cache = cache,
            Complete = true,
            ResponseContentType = "application/json",
            RequestBody = Body($$$"""{"model":"{{{model}}}","messages":[{"role":"user","content":"request {{{n}}}"}]}"""),
            ResponseBody = Body($$$"""{"choices":[{"message":{"role":"assistant","content":"answer {{{n}}}"}}]}"""),
        };

    public static CapturedBody Body(string text) => new(Encoding.UTF8.GetBytes(text), Encoding.UTF8.GetByteCount(text));

    public static readonly Exchange R1 = Row(Now.AddHours(-1), usage: new(100, 50, 150, 10, 5), cost: 0.0015m) with
    {
        RequestBody = Body("""{"model":"gpt-4o","messages":[{"role":"user","content":"Tell me about SQLite WAL mode"}]}"""),
        ResponseBody = Body("""{"choices":[{"message":{"role":"assistant","content":"Write-ahead logging keeps readers going."}}]}"""),
        TtfbMs = 40.5,
    };

    public static readonly Exchange R2 = Row(Now.AddHours(-2), duration: 300, usage: new(200, 100, 300, 0, 0), cost: 0.003m, stream: true);

    public static readonly Exchange R3 = Row(Now.AddHours(-3), "gpt-4o-mini", "deepseek", "bob", status: 502, duration: 50) with
    {
        Note = ExchangeNote.Parse("all providers failed"),
        Attempts = [new AttemptRecord("deepseek", null, "connect: connection refused", 3), new AttemptRecord("openai", 502, null, 40)],
    };

    public static readonly Exchange R4 = Row(Now.AddHours(-26), "claude-sonnet-4", "openrouter", null, duration: 900, usage: new(1000, 500, 1500, 0, 0));

    public static readonly Exchange R5 = Row(Now.AddMinutes(-30), provider: null, duration: 2, usage: new(100, 50, 150, 10, 5),
        cost: 0.0015m, cache: CacheStatus.Hit) with
    {
        CacheSourceId = R1.Id,
    };

    public static readonly Exchange R6 = Row(Now.AddDays(-10), key: "bob", status: 429, duration: 1200);

    public static readonly Exchange R7 = Row(Now.AddDays(-20), duration: 400, usage: new(10, 10, 20, 0, 0), cost: 0.0001m);

    public static readonly Exchange R8 = Row(Now.AddHours(-5), null, "openai", "bob", duration: 20) with
    {
        Method = "GET",
        Path = "/v1/models",
        Endpoint = EndpointKind.Passthrough,
        RequestBody = null,
        ResponseBody = Body("""{"object":"list","data":[]}"""),
    };

    /// The seeded set, in no particular order.
    public static readonly Exchange[] Seeded = [R3, R1, R7, R5, R2, R8, R4, R6];
}
