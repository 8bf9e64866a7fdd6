using System.Text;
using Menshen.Core.Caching;
using Menshen.Core.Usage;
using static Menshen.Shell.Tests.Storage.SampleExchanges;

namespace Menshen.Shell.Tests.Storage;

public class CacheLookupTests
{
    private static readonly string Key = new('c', 64);

    [Fact]
    public async Task FindCached_returns_the_newest_eligible_row_of_the_key()
    {
        await using var store = new StoreFixture();
        await store.WriteAllAsync(
            Cacheable(IdAt(At, 1), Key, """{"n":1}"""),
            Cacheable(IdAt(At.AddMinutes(1)), Key, """{"n":2}"""),
            Cacheable(IdAt(At.AddMinutes(2)), new string('d', 64), """{"n":3}"""));

        var actual = (await store.Reader.FindCachedResponseAsync(Key, null))!;

        Assert.Equal(IdAt(At.AddMinutes(1)), actual.SourceId);
        Assert.Equal("""{"n":2}""", Encoding.UTF8.GetString(actual.Body.Span));
        Assert.Equal((200, "application/json"), (actual.Status, actual.ContentType));
        Assert.Equal((new TokenUsage(10, 4, 14, null, null), 0.5m), (actual.Usage, actual.CostUsd));
        // Stored when its answer ended: the start plus the exchange's 5 ms.
        Assert.Equal(At.AddMinutes(1).AddMilliseconds(5), actual.StoredAt);
    }

    [Fact]
    public async Task FindCached_skips_rows_that_are_not_replayable()
    {
        await using var store = new StoreFixture();
        var good = Cacheable(IdAt(At), Key, """{"ok":true}""");
        var newer = At.AddMinutes(1);
        await store.WriteAllAsync(
            good,
            Cacheable(IdAt(newer, 1), Key, "{}") with { CacheEligible = false },
            Cacheable(IdAt(newer, 2), Key, "{}") with { Status = 500 },
            Cacheable(IdAt(newer, 3), Key, "{}") with { Complete = false },
            Cacheable(IdAt(newer, 4), Key, "{}") with { ClientClosed = true },
            Cacheable(IdAt(newer, 5), Key, "{}") with { ResponseBody = new(new byte[] { 123 }, 99) },
            Cacheable(IdAt(newer, 6), Key, "{}") with { Cache = CacheStatus.Hit, CacheSourceId = good.Id });

        var actual = await store.Reader.FindCachedResponseAsync(Key, null);

        Assert.Equal(good.Id, actual?.SourceId);
        Assert.Equal(1, store.Count("SELECT COUNT(*) FROM requests WHERE cache_eligible = 1"));
    }

    [Fact]
    public async Task FindCached_honours_not_older_than_from_the_answers_end()
    {
        await using var store = new StoreFixture();
        await store.WriteAllAsync(Cacheable(IdAt(At), Key, "{}") with { DurationMs = 9_000 });

        var fresh = await store.Reader.FindCachedResponseAsync(Key, At.AddSeconds(9));
        var stale = await store.Reader.FindCachedResponseAsync(Key,
            At.AddSeconds(9).AddMilliseconds(1));

        Assert.NotNull(fresh);
        Assert.Null(stale);
    }

    [Fact]
    public async Task FindCached_of_an_unknown_key_is_null()
    {
        await using var store = new StoreFixture();
        await store.WriteAllAsync(Cacheable(IdAt(At), Key, "{}"));

        var actual = await store.Reader.FindCachedResponseAsync(new string('e', 64), null);

        Assert.Null(actual);
    }
}
