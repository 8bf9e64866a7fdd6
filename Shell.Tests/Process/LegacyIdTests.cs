using System.Net;
using System.Text.Json;
using Menshen.Shell.Tests.Storage;

namespace Menshen.Shell.Tests.Process;

/// A user who kept a `req-…` id from ai-menshen's logs finds the imported row: the gateway,
/// started on the old database, shows the id in `/__report/logs` and answers `log?id=req-…`.
public sealed class LegacyIdTests : IDisposable
{
    private readonly TempDatabase _legacy = LegacyImportTests.BuildCurrentShape();

    public void Dispose() => _legacy.Dispose();

    [Fact]
    public async Task Imported_rows_show_and_find_their_ai_menshen_ids()
    {
        var port = GatewayProcess.FreePort();
        var config = Path.Combine(_legacy.Folder, "config.toml");
        await File.WriteAllTextAsync(config, $"""
            listen = "127.0.0.1:{port}"
            [[providers]]
            name = "none"
            base_url = "http://127.0.0.1:9/v1"
            [storage.sqlite]
            path = "{_legacy.FilePath}"
            """);
        using var gateway = await GatewayProcess.StartAsync(config, port);
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };

        var logs = JsonDocument.Parse(await client.GetStringAsync("/__report/logs?days=3650"));
        using var detail = await client.GetAsync("/__report/log?id=req-aaa");
        using var missing = await client.GetAsync("/__report/log?id=req-zzz");

        var legacyIds = logs.RootElement.EnumerateArray()
            .Select(r => r.TryGetProperty("legacy_id", out var id) ? id.GetString() : null).Order();
        Assert.Equal(["req-aaa", "req-bbb", "req-ccc", "req-ddd"], legacyIds);
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        var row = JsonDocument.Parse(await detail.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("req-aaa", "gpt-4o"), (row.GetProperty("legacy_id").GetString(),
            row.GetProperty("model").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
