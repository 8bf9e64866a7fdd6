using Menshen.Core.Network;

namespace Menshen.Core.Tests;

public class LoopbackHostTests
{
    [Theory]
    [InlineData("localhost")]
    [InlineData("LocalHost")]
    [InlineData("localhost.")]
    [InlineData("ollama.localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.2")]
    [InlineData("127.255.255.254")]
    [InlineData("::1")]
    [InlineData("[::1]")]
    [InlineData("[::ffff:127.0.0.1]")]
    public void Is_loopback_host_true(string host) => Assert.True(LoopbackHost.Is(host));

    [Theory]
    [InlineData("api.openai.com")]
    [InlineData("localhost.example.com")]
    [InlineData("mylocalhost")]
    [InlineData("128.0.0.1")]
    [InlineData("10.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("[::]")]
    [InlineData("[fd00::2]")]
    [InlineData("")]
    public void Is_other_host_false(string host) => Assert.False(LoopbackHost.Is(host));
}
