using System.Text.Json;
using System.Text.Json.Nodes;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Reports;

/// Starts a gateway with the report API over a real SQLite file holding `rows`, on the report
/// clock, and reads its answers.
public static class ReportClient
{
    public static async Task<TestEnv> StartAsync(IEnumerable<Core.Audit.Exchange> rows, TimeProvider? clock = null)
    {
        var env = await TestEnv.StartAsync(clock: clock ?? new ManualClock(ReportRows.Now), reports: true);
        await env.Store!.WriteAllAsync(rows);
        return env;
    }

    /// GETs `path`, asserts 200 and JSON, and returns the body as compact JSON text.
    public static async Task<string> JsonAsync(this TestEnv env, string path)
    {
        using var response = await env.Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return Compact(body);
    }

    /// JSON text without whitespace, numbers kept as written, so answers compare exactly.
    public static string Compact(string json) => JsonNode.Parse(json)!.ToJsonString();

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
