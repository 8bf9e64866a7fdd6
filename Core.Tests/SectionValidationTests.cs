using Menshen.Core.Config;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Tests;

public class SectionValidationTests
{
    [Fact]
    public void Validate_zero_timeout_means_none()
    {
        var actual = TestConfigs.Valid(TestConfigs.Minimal with { Upstream = new RawUpstream(0, 1) }).Upstream;

        Assert.Equal(new UpstreamConfig(TimeSpan.Zero, 1), actual);
    }

    [Fact]
    public void Validate_server_limits()
    {
        var raw = TestConfigs.Minimal with { Server = new RawServer(0, 0, -1) };

        var actual = TestConfigs.Errors(raw);

        Assert.Equal(
            ["server.header_timeout: must be at least 1, got 0", "server.shutdown_grace: must not be negative, got -1"],
            actual);
    }

    [Fact]
    public void Validate_huge_seconds_are_rejected_not_overflowed()
    {
        var raw = TestConfigs.Minimal with { Cache = new RawCache(null, null, long.MaxValue) };

        var actual = TestConfigs.Errors(raw);

        Assert.Equal(["cache.max_age: must be at most 2147483647, got 9223372036854775807"], actual);
    }

    // Above ~49 days a timer throws (upstream.timeout = 4294968 made every request a 500, and a
    // shutdown_grace of 5000000 crashed the stop): a timer's seconds stop at 30 days.
    [Fact]
    public void Validate_timer_seconds_stop_at_30_days()
    {
        var raw = TestConfigs.Minimal with
        {
            Upstream = new RawUpstream(4_294_968, null),
            Server = new RawServer(null, 2_592_001, 5_000_000),
        };

        var actual = TestConfigs.Errors(raw);

        Assert.Equal(["upstream.timeout: must be at most 2592000, got 4294968",
            "server.header_timeout: must be at most 2592000, got 2592001",
            "server.shutdown_grace: must be at most 2592000, got 5000000"], actual);
        Assert.Empty(TestConfigs.Errors(raw with
        {
            Upstream = new RawUpstream(2_592_000, null),
            Server = new RawServer(null, 2_592_000, 2_592_000),
        }));
    }

    [Fact]
    public void Validate_negative_retention_keeps_everything()
    {
        var actual = TestConfigs.Valid(TestConfigs.Minimal with { Storage = new RawStorage(-1, null) }).Storage;

        Assert.Equal(new StorageConfig(-1, "./data/ai-menshen.db"), actual);
    }

    [Fact]
    public void Validate_pricing_needs_input_and_output()
    {
        var raw = TestConfigs.Minimal with
        {
            Pricing = [new RawPrice("gpt-4o", 2.5m, 10m, 1.25m), new RawPrice("gpt-4.1", null, -1m, null)],
        };

        var actual = TestConfigs.Errors(raw);

        Assert.Equal(
            [
                "pricing.\"gpt-4.1\".input: required; expected USD per million tokens, such as 2.5",
                "pricing.\"gpt-4.1\".output: must not be negative, got -1",
            ],
            actual);
    }

    [Fact]
    public void Validate_pricing_keeps_cached_input_optional()
    {
        var raw = TestConfigs.Minimal with { Pricing = [new RawPrice("gpt-4o", 2.5m, 10m, 1.25m), new RawPrice("o3", 1, 4, null)] };

        var actual = TestConfigs.Valid(raw).Pricing;

        Assert.Equal(new ModelPrice(2.5m, 10m, 1.25m), actual["gpt-4o"]);
        Assert.Equal(new ModelPrice(1m, 4m, null), actual["o3"]);
    }
}
