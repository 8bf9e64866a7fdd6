using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Hygiene;

/// SPEC §5: a header the client names in `Connection` is hop-by-hop and never goes upstream, in
/// one line or several. Sent over a raw socket, which adds its own `Connection: close` line.
/// Not covered, because the gateway never sees them (helper-76; docs/proxying.md): Kestrel
/// replaces the whole `Connection` value by `keep-alive`, `close` or `Upgrade` when that is the
/// one option it knows among the names (`keep-alive, X-Hop-Foo` reaches the gateway as
/// `keep-alive`), so such a request's other names are lost before any of our code runs.
public sealed class ConnectionTokenTests : IAsyncLifetime
{
    private const string Chat = """{"model":"m","messages":[{"role":"user","content":"hi"}]}""";

    private TestEnv _env = null!;

    public async Task InitializeAsync() => _env = await TestEnv.StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Theory]
    [InlineData("Connection: X-Hop-Foo")]
    [InlineData("Connection: X-Hop-Foo, X-Other")]
    [InlineData("Connection: keep-alive, X-Hop-Foo, close")]
    public async Task Named_on_a_passthrough_path_too(string connection)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(_env.Gateway.BaseAddress.Host, _env.Gateway.BaseAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(
            $"GET /v1/models HTTP/1.1\r\nHost: localhost\r\n{connection}\r\n" +
            "X-Hop-Foo: bar\r\nX-Kept: yes\r\n\r\n"));
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer);

        Assert.StartsWith("HTTP/1.1 200", System.Text.Encoding.ASCII.GetString(buffer, 0, read),
            StringComparison.Ordinal);
        var seen = _env.Sim.Requests.Single().Headers;
        Assert.False(seen.ContainsKey("x-hop-foo"), string.Join(", ", seen.Keys));
        Assert.Equal("yes", seen["x-kept"]);
    }

    [Theory]
    [InlineData("Connection: keep-alive, X-Hop-Foo")]
    [InlineData("Connection: X-Hop-Foo, keep-alive")]
    [InlineData("Connection: keep-alive,X-Hop-Foo")]
    [InlineData("Connection: keep-alive\r\nConnection: x-hop-foo")]
    [InlineData("Connection: Upgrade, X-Hop-Foo")]
    public async Task A_header_named_in_connection_stays_at_the_gateway(string connection)
    {
        var answer = await RawHttp.SendAsync(_env.Gateway.BaseAddress,
            "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n" +
            $"Content-Type: application/json\r\n{connection}\r\nX-Hop-Foo: bar\r\n" +
            $"X-Kept: yes\r\nContent-Length: {Chat.Length}", Chat);

        Assert.Equal(200, answer.Status);
        var seen = _env.Sim.Requests.Single().Headers;
        Assert.False(seen.ContainsKey("x-hop-foo"), string.Join(", ", seen.Keys));
        Assert.Equal("yes", seen["x-kept"]);
    }
}
