using Menshen.Core.Config;

namespace Menshen.Core.Tests;

public class RestartKeysTests
{
    private static readonly GatewayConfig Before = TestConfigs.Valid(TestConfigs.Minimal);

    [Fact]
    public void Changed_is_empty_for_the_same_config() =>
        Assert.Empty(RestartKeys.Changed(Before, Before));

    [Fact]
    public void Changed_names_the_listener_and_server_limits_but_not_providers()
    {
        var after = Before with
        {
            Listen = Before.Listen with { Port = Before.Listen.Port + 1 },
            Server = Before.Server with { MaxRequestBodyBytes = Before.Server.MaxRequestBodyBytes + 1 },
            Providers = [],
        };

        var actual = RestartKeys.Changed(Before, after);

        Assert.Equal(new[] { "listen", "[server]" }, actual.ToArray());
    }
}
