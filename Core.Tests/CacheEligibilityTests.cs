using CsCheck;
using Menshen.Core.Caching;
using Menshen.Core.Config;

namespace Menshen.Core.Tests;

public class CacheEligibilityTests
{
    private static readonly Gen<CacheCandidate> Candidate = Gen.Select(
        Gen.OneOf(200, 200, 201, 204, 400, 429, 500),
        Gen.Bool,
        Gen.Long[0, 10_000],
        Gen.Bool,
        Gen.Enum<CacheDirective>(),
        (status, complete, bytes, gone, directive) =>
            new CacheCandidate(status, complete, bytes, gone, directive));

    private static readonly Gen<CacheConfig> Config = Gen.Select(Gen.Bool, Gen.OneOf(0L, 1L, 5_000L, 10_000L),
        (enabled, max) => new CacheConfig(enabled, max, TimeSpan.Zero));

    [Fact]
    public void Decide_stores_iff_every_condition_holds() =>
        Gen.Select(Candidate, Config).Sample((c, config) =>
            CacheEligibility.Decide(c, config).Eligible
                == (config.Enabled
                    && c.Directive != CacheDirective.NoStore
                    && !c.ClientDisconnected
                    && c.Status == 200
                    && c.Complete
                    && (config.MaxBodyBytes == 0 || c.BodyBytes <= config.MaxBodyBytes)));

    [Fact]
    public void Decide_reason_is_none_iff_eligible() =>
        Gen.Select(Candidate, Config).Sample((c, config) =>
        {
            var verdict = CacheEligibility.Decide(c, config);
            return verdict.Eligible == (verdict.Reason == CacheRejection.None);
        });

    [Fact]
    public void Decide_zero_max_body_bytes_means_no_limit()
    {
        var candidate = new CacheCandidate(200, true, long.MaxValue, false, CacheDirective.NoCache);

        var actual = CacheEligibility.Decide(candidate, new CacheConfig(true, 0, TimeSpan.Zero));

        Assert.Equal(CacheVerdict.Store, actual);
    }

    [Theory]
    [InlineData(false, CacheDirective.Normal, false, 200, true, 10, CacheRejection.Disabled)]
    [InlineData(true, CacheDirective.NoStore, true, 500, false, 99, CacheRejection.NoStore)]
    [InlineData(true, CacheDirective.Normal, true, 500, false, 99, CacheRejection.ClientDisconnected)]
    [InlineData(true, CacheDirective.Normal, false, 206, false, 99, CacheRejection.Status)]
    [InlineData(true, CacheDirective.Normal, false, 200, false, 99, CacheRejection.Incomplete)]
    [InlineData(true, CacheDirective.Normal, false, 200, true, 11, CacheRejection.TooLarge)]
    [InlineData(true, CacheDirective.Normal, false, 200, true, 10, CacheRejection.None)]
    public void Decide_reports_the_first_reason(
        bool enabled,
        CacheDirective directive,
        bool gone,
        int status,
        bool complete,
        long bytes,
        CacheRejection expected)
    {
        var candidate = new CacheCandidate(status, complete, bytes, gone, directive);

        var actual = CacheEligibility.Decide(candidate, new CacheConfig(enabled, 10, TimeSpan.Zero));

        Assert.Equal(expected, actual.Reason);
    }
}
