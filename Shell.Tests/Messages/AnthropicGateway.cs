using System.Collections.Immutable;
using System.Net.Http.Headers;
using System.Text.Json;
using Menshen.Core.Config;
using Menshen.Shell.Tests.Support;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Messages;

/// The gateway in front of simulators that serve the Messages API as `api = "anthropic"`
/// providers of `claude-*` (SPEC §14), with a price for the simulator's model.
internal static class AnthropicGateway
{
    public const string Model = "claude-sim-1";
    public const string UpstreamKey = "sk-ant-upstream-secret";

    // Words in system + messages: "be brief" + "say hello twice" = 5 input tokens (SimulatedUsage).
    public const string Hello =
        """{"model":"claude-sim-1","max_tokens":64,"system":"be brief","messages":[{"role":"user","content":"say hello twice"}]}""";

    public const string StreamHello =
        """{"model":"claude-sim-1","max_tokens":64,"stream":true,"system":"be brief","messages":[{"role":"user","content":"say hello twice"}]}""";

    /// USD per million: input 3, output 15, cache read 0.3, 5 m write 3.75, 1 h write 6.
    public static readonly ModelPrice Price = new(3m, 15m, 0.3m, 3.75m, 6m);

    public static ProviderConfig Provider(string name, SimulatorServer sim, string apiKey = UpstreamKey) =>
        TestConfigs.Provider(name, sim.BaseUrl, apiKey) with { Api = ProviderApi.Anthropic, Models = ["claude-*"] };

    public static GatewayConfig Config(IReadOnlyList<SimulatorServer> sims) =>
        TestConfigs.With([.. sims.Select((s, i) => Provider($"anthropic{i}", s))]) with
        {
            Pricing = ImmutableDictionary<string, ModelPrice>.Empty.Add(Model, Price),
        };

    public static Task<TestEnv> StartAsync(
        int simulators = 1, Func<GatewayConfig, GatewayConfig>? adjust = null, bool audit = false,
        bool reports = false) =>
        TestEnv.StartAsync(simulators, sims => (adjust ?? (c => c))(Config(sims)), drawTicket: _ => 0,
            audit: audit, reports: reports);

    public static Task<HttpResponseMessage> MessagesAsync(
        this TestEnv env, string body, Action<HttpRequestHeaders>? headers = null, string path = "/v1/messages",
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead) =>
        env.PostAsync(path, body, headers, completion);

    /// `{"type":"error","error":{"type":…,"message":…}}`: its error type and message.
    public static (string Type, string Message) ErrorOf(string body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal("error", root.GetProperty("type").GetString());
        var error = root.GetProperty("error");
        return (error.GetProperty("type").GetString()!, error.GetProperty("message").GetString()!);
    }
}
