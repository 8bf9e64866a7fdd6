using Menshen.Core.Config.Raw;

namespace Menshen.Core.Tests;

public class FailoverValidationTests
{
    [Fact]
    public void Validate_default_on_status_is_auth_timeout_rate_limit_and_server_errors()
    {
        var actual = TestConfigs.Valid(TestConfigs.Minimal).Failover.OnStatus.ToArray();

        Assert.Equal([401, 403, 408, 429, .. Enumerable.Range(500, 100)], actual);
    }

    [Fact]
    public void Validate_on_status_accepts_numbers_ranges_and_classes()
    {
        var raw = TestConfigs.Minimal with
        {
            Failover = RawFailover.Empty with { OnStatus = TestConfigs.Statuses("429", "502..504", "4XX", "429") },
        };

        var actual = TestConfigs.Valid(raw).Failover.OnStatus.ToArray();

        Assert.Equal([.. Enumerable.Range(400, 100), 502, 503, 504], actual);
    }

    [Fact]
    public void Validate_empty_on_status_fails_over_on_no_status()
    {
        var raw = TestConfigs.Minimal with { Failover = RawFailover.Empty with { OnStatus = [] } };

        var actual = TestConfigs.Valid(raw).Failover;

        Assert.Empty(actual.OnStatus);
        Assert.False(actual.FailsOverOn(500));
    }

    [Fact]
    public void Validate_bad_on_status_items_are_named_by_index()
    {
        var raw = TestConfigs.Minimal with
        {
            Failover = RawFailover.Empty with { OnStatus = TestConfigs.Statuses("700", "599..500", "6xx", "500..600", "abc", "99",
                "600..700") },
        };

        var actual = TestConfigs.Errors(raw);

        Assert.Equal(
            [
                "failover.on_status[0]: every status must be from 100 to 599, got '700'",
                "failover.on_status[1]: the range '599..500' runs backwards; write '500..599'",
                "failover.on_status[2]: expected a status (429), a range (\"500..599\") or a class (\"5xx\"), got '6xx'",
                "failover.on_status[3]: every status must be from 100 to 599, got '500..600'",
                "failover.on_status[4]: expected a status (429), a range (\"500..599\") or a class (\"5xx\"), got 'abc'",
                "failover.on_status[5]: every status must be from 100 to 599, got '99'",
                // Both ends out of bounds: still one error for the item.
                "failover.on_status[6]: every status must be from 100 to 599, got '600..700'",
            ],
            actual);
    }

    [Fact]
    public void Validate_passive_health_settings()
    {
        var raw = TestConfigs.Minimal with { Failover = new RawFailover(false, null, 5, 0) };

        var actual = TestConfigs.Valid(raw).Failover;

        Assert.Equal((false, 5, TimeSpan.Zero), (actual.Enabled, actual.UnhealthyAfter, actual.Cooldown));
    }
}
