using System.Runtime.CompilerServices;
using Menshen.Shell.Runtime;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Runtime;

/// A reload replaces the running config; the old one (its provider transports, its keys) must
/// go once no request runs on it. The soak probe's SIGHUP every few seconds on a config of
/// 3,000 client keys grew the gateway by ~1.4 MB a reload (67 -> 640 MB after 400): each old
/// config was held for ten minutes whatever ran on it.
public sealed class ConfigRetirementTests
{
    private const string Chat = """{"model":"m","messages":[{"role":"user","content":"hi"}]}""";

    [Fact]
    public async Task A_replaced_config_no_request_uses_is_released_at_once()
    {
        await using var env = await TestEnv.StartAsync();
        var runtime = env.Gateway.Runtime;
        Assert.Equal(200, (int)(await env.PostAsync("/v1/chat/completions", Chat)).StatusCode);

        var old = ReplaceAndForget(runtime);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(old.TryGetTarget(out _), "the replaced config is still held");
        Assert.Equal(200, (int)(await env.PostAsync("/v1/chat/completions", Chat)).StatusCode);
    }

    [Fact]
    public async Task A_stream_running_on_the_replaced_config_finishes_on_its_transports()
    {
        await using var env = await TestEnv.StartAsync();
        env.Sim.Options.ChunkIntervalMs = 50;
        using var response = await env.PostAsync("/v1/chat/completions",
            """{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}""",
            completion: HttpCompletionOption.ResponseHeadersRead);

        for (var i = 0; i < 5; i++) env.Gateway.Runtime.Replace(env.Gateway.Runtime.Current.Config);
        var body = await response.Content.ReadAsStringAsync();

        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
    }

    // In its own frame, so no local of the test keeps the old snapshot alive.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<ConfigSnapshot> ReplaceAndForget(GatewayRuntime runtime)
    {
        var old = new WeakReference<ConfigSnapshot>(runtime.Current);
        runtime.Replace(runtime.Current.Config);
        return old;
    }
}
