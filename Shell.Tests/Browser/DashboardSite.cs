using System.Collections.Immutable;
using System.Net.Http.Headers;
using System.Text;
using Menshen.Core.Config;
using Menshen.Shell.Hosting;
using Menshen.Shell.Reports;
using Menshen.Shell.Tests.Support;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Browser;

/// A gateway with auth, cache, pricing and a real audit database, fed real traffic through the
/// simulator, so the dashboard has something true to show. Shared by the browser tests of a class.
public sealed class DashboardSite : IAsyncLifetime
{
    public const string DashboardUser = "admin";
    public const string DashboardPassword = "dash-password";
    public const string AliceToken = "sk-client-alice-secret";
    public const string BobToken = "sk-client-bob-secret";

    /// Runs script if the dashboard ever renders it as HTML instead of text.
    public const string HostilePrompt =
        "<img src=x onerror=\"window.__xss='img';alert('img')\"><script>window.__xss='script';alert('script')</script>";
    public const string HostileModel = "<b onmouseover=alert(1)>bold-model</b>";

    /// Shown without its right-to-left override, it would read "claude-xlive".
    public const string SpoofModel = "claude-x\u202Eevil";

    // Keeps `<`, `>` and `'` as typed, the way a hostile client would send them.
    private static readonly BrowserTestJson RawJson = new(new System.Text.Json.JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
    });

    private readonly List<SimulatorServer> _sims = [];
    private AuditStore _store = null!;
    private GatewayHost _gateway = null!;

    public Uri BaseUrl => _gateway.BaseAddress;
    public int Requests { get; private set; }
    public int Errors { get; private set; }
    public int CacheHits { get; private set; }
    public int Streamed { get; private set; }
    public long HostileId { get; private set; }
    public long SpoofId { get; private set; }

    public async Task InitializeAsync()
    {
        _sims.Add(await SimulatorServer.StartAsync(new SimulatorOptions()));
        _sims.Add(await SimulatorServer.StartAsync(new SimulatorOptions()));
        var config = TestConfigs.With(
                TestConfigs.Provider("primary", _sims[0].BaseUrl, weight: 3),
                TestConfigs.Provider("backup", _sims[1].BaseUrl, weight: 1))
            .WithCache() with
        {
            Auth = new AuthConfig(true, DashboardUser, DashboardPassword, "",
                [new ClientKey("alice", AliceToken), new ClientKey("bob", BobToken)]),
            Pricing = ImmutableDictionary<string, ModelPrice>.Empty
                .Add("gpt-4o-mini", new ModelPrice(0.15m, 0.60m, 0.075m))
                .Add("gpt-4o", new ModelPrice(2.50m, 10m, 1.25m)),
        };
        _store = AuditStore.Create();
        _gateway = await GatewayHost.StartAsync(config, new GatewayHostOptions
        {
            Sink = new RecordingSink(_store.Writer),
            CacheStore = _store.CacheStore,
            Reports = new ReportApi(_store.Database, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<ReportApi>.Instance),
            Quiet = true,
        });
        await SendTrafficAsync();
    }

    private async Task SendTrafficAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseUrl };
        for (var i = 0; i < 60; i++)
            await ChatAsync(client, AliceToken, "gpt-4o-mini", $"Write haiku number {i} about the sea");
        for (var i = 0; i < 6; i++)
            await ChatAsync(client, BobToken, "gpt-4o", $"Explain topic {i} briefly", stream: true);
        for (var i = 0; i < 3; i++) // the first of these was asked above: three cache hits
            await ChatAsync(client, AliceToken, "gpt-4o-mini", "Write haiku number 0 about the sea");
        CacheHits += 3;
        for (var i = 0; i < 2; i++)
            await ChatAsync(client, BobToken, "gpt-4o", $"this one fails {i}", failWith: 500);
        HostileId = await ChatAsync(client, AliceToken, HostileModel, HostilePrompt);
        SpoofId = await ChatAsync(client, AliceToken, SpoofModel, "hello");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_store.Count() < Requests && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(Requests, _store.Count());
    }

    private async Task<long> ChatAsync(HttpClient client, string token, string model, string prompt,
        bool stream = false, int? failWith = null)
    {
        var body = System.Text.Json.JsonSerializer.Serialize(new ChatRequest(model, [new ChatMessage("user", prompt)], stream),
            RawJson.ChatRequest);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (failWith is { } status) request.Headers.Add("x-sim-status", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        Requests++;
        if (stream) Streamed++;
        if ((int)response.StatusCode >= 400) Errors++;
        return long.Parse(response.Headers.GetValues("X-Request-Id").Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        foreach (var sim in _sims) await sim.DisposeAsync();
        await _store.DisposeAsync();
    }
}

public sealed record ChatMessage(string Role, string Content);

public sealed record ChatRequest(string Model, IReadOnlyList<ChatMessage> Messages, bool Stream);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower)]
[System.Text.Json.Serialization.JsonSerializable(typeof(ChatRequest))]
internal sealed partial class BrowserTestJson : System.Text.Json.Serialization.JsonSerializerContext;
