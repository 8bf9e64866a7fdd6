using CsCheck;
using Menshen.Core.Caching;

namespace Menshen.Core.Tests;

public class CacheControlTests
{
    private static readonly Gen<string> OtherDirective =
        Gen.OneOf("private", "max-age=60", "no-transform", "only-if-cached", "max-stale", "x-custom=\"a,b\"");

    [Fact]
    public void Parse_no_store_wins_wherever_it_stands() =>
        Gen.Select(OtherDirective.Array[0, 4], Gen.Bool, Gen.Int[0, 5]).Sample((others, withNoCache, at) =>
        {
            string[] parts = [.. others, .. withNoCache ? ["no-cache"] : Array.Empty<string>()];
            var header = string.Join(", ", parts.Take(at).Append("No-Store").Concat(parts.Skip(at)));
            return CacheControl.Parse(header) == CacheDirective.NoStore;
        });

    [Fact]
    public void Parse_ignores_directives_it_does_not_know() =>
        OtherDirective.Array[0, 4].Sample(others =>
            CacheControl.Parse(string.Join(",", others)) == CacheDirective.Normal);

    [Theory]
    [InlineData(null, CacheDirective.Normal)]
    [InlineData("", CacheDirective.Normal)]
    [InlineData("no-cache", CacheDirective.NoCache)]
    [InlineData("NO-CACHE", CacheDirective.NoCache)]
    [InlineData("private,  no-cache ", CacheDirective.NoCache)]
    [InlineData("max-age=0", CacheDirective.NoCache)]
    [InlineData("max-age=\"0\"", CacheDirective.NoCache)]
    [InlineData("max-age=10", CacheDirective.Normal)]
    [InlineData("no-store", CacheDirective.NoStore)]
    [InlineData("no-cache, no-store", CacheDirective.NoStore)]
    [InlineData("no-cachex", CacheDirective.Normal)]
    public void Parse_header_gives_directive(string? header, CacheDirective expected)
    {
        var actual = CacheControl.Parse(header);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void OnlyIfCached_is_true_exactly_when_the_directive_is_named() =>
        Gen.Select(OtherDirective.Array[0, 4], Gen.Bool, Gen.Int[0, 5], Gen.Bool)
            .Sample((others, named, at, upper) =>
            {
                var directive = upper ? "ONLY-IF-CACHED" : "only-if-cached";
                var parts = others.Where(o => o != "only-if-cached").ToList();
                if (named) parts.Insert(Math.Min(at, parts.Count), directive);
                return CacheControl.OnlyIfCached(string.Join(" , ", parts)) == named;
            });

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("only-if-cached", true)]
    [InlineData("max-age=5,Only-If-Cached", true)]
    [InlineData("no-store, only-if-cached", true)]
    [InlineData("only-if-cachedx", false)]
    [InlineData("x-only-if-cached", false)]
    [InlineData("x=\"only-if-cached\"", false)]
    public void OnlyIfCached_header_examples(string? header, bool expected) =>
        Assert.Equal(expected, CacheControl.OnlyIfCached(header));

    [Theory]
    [InlineData(null, null)]
    [InlineData("max-age=0", null)]
    [InlineData("max-age=5", 6)]
    [InlineData("no-cache, MAX-AGE = \"5\"", 6)]
    [InlineData("max-age=9, max-age=3", 4)]
    [InlineData("max-age=-1", null)]
    [InlineData("max-age=1.5", null)]
    [InlineData("max-age=99999999999999999999", null)]
    [InlineData("max-age=99999999999", 1_000_000_001)]
    [InlineData("max-stale=5", null)]
    public void MaxAge_header_gives_seconds_accepted(string? header, int? expected) =>
        Assert.Equal(expected, (int?)CacheControl.MaxAge(header)?.TotalSeconds);

    [Fact]
    public void LookupMaxAge_is_never_wider_than_the_configured_or_the_requested_limit() =>
        Gen.Select(Gen.Int[0, 1000], Gen.Int[0, 1000]).Sample((configured, asked) =>
        {
            int? requested = asked == 0 ? null : asked; // 0: the request sets no max-age
            var actual = CacheControl.LookupMaxAge(TimeSpan.FromSeconds(configured),
                requested is { } r ? TimeSpan.FromSeconds(r) : null);

            var limits = new[] { configured > 0 ? configured : (int?)null, requested }.OfType<int>();
            return limits.Any() ? actual == TimeSpan.FromSeconds(limits.Min())
                : actual == TimeSpan.Zero;
        });

    [Fact]
    public void ForLookup_tightens_max_age_only_when_the_request_sets_one()
    {
        var config = new Menshen.Core.Config.CacheConfig(true, 0, TimeSpan.FromSeconds(60));

        Assert.Same(config, CacheControl.ForLookup(config, "no-transform", 0));
        Assert.Equal(TimeSpan.FromSeconds(6),
            CacheControl.ForLookup(config, "max-age=5", 0).MaxAge);
        Assert.Equal(config.MaxAge, CacheControl.ForLookup(config, "max-age=600", 0).MaxAge);
    }

    [Theory]
    [InlineData(0, 0, null, 0)] // no max_age, no retention: fresh for ever
    [InlineData(0, 2, null, 2 * 86_400)] // retention alone bounds it
    [InlineData(60, 2, null, 60)]
    [InlineData(0, 2, "max-age=5", 6)]
    [InlineData(3 * 86_400, 2, null, 2 * 86_400)]
    public void ForLookup_serves_nothing_older_than_retention_keeps(
        int maxAgeSeconds, int retentionDays, string? header, int expectedSeconds)
    {
        var config = new Menshen.Core.Config.CacheConfig(true, 0,
            TimeSpan.FromSeconds(maxAgeSeconds));

        var actual = CacheControl.ForLookup(config, header, retentionDays).MaxAge;

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), actual);
    }
}
