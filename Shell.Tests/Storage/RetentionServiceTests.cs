using Menshen.Shell.Storage;
using static Menshen.Shell.Tests.Storage.SampleExchanges;

namespace Menshen.Shell.Tests.Storage;

public class RetentionServiceTests
{
    [Fact]
    public async Task PurgeOnce_deletes_old_rows_with_their_bodies_and_keeps_new_ones()
    {
        await using var store = new StoreFixture();
        var now = At.AddDays(100);
        var old = Enumerable.Range(0, 10).Select(n => Full(IdAt(At, n))).ToArray();
        var recent = Enumerable.Range(0, 4).Select(n => Full(IdAt(now.AddDays(-89), n))).ToArray();
        await store.WriteAllAsync([.. old, .. recent]);
        var service = Service(store, days: 90, now, batchSize: 3);

        var actual = await service.PurgeOnceAsync();

        Assert.Equal(10, actual);
        Assert.Equal(4, store.Count("SELECT COUNT(*) FROM requests"));
        Assert.Equal(4, store.Count("SELECT COUNT(*) FROM bodies"));
        Assert.Equal(0, store.Count($"SELECT COUNT(*) FROM requests WHERE id < {recent[0].Id}"));
    }

    [Fact]
    public async Task PurgeOnce_gives_freed_pages_back_to_the_file()
    {
        await using var store = new StoreFixture();
        var noise = new byte[20_000];
        new Random(3).NextBytes(noise);
        var body = new Menshen.Core.Audit.CapturedBody(noise, noise.Length);
        var old = Enumerable.Range(0, 200).Select(n => Small(IdAt(At, n)) with { ResponseBody = body }).ToArray();
        await store.WriteAllAsync(old);
        var service = Service(store, days: 1, At.AddDays(2), batchSize: 1000);

        await service.PurgeOnceAsync();

        Assert.Equal(0, store.Count("PRAGMA freelist_count"));
        Assert.Equal(0, store.Count("SELECT COUNT(*) FROM bodies"));
    }

    [Fact]
    public async Task PurgeOnce_with_retention_off_deletes_nothing()
    {
        await using var store = new StoreFixture();
        await store.WriteAllAsync(Small(IdAt(At)));
        var service = Service(store, days: 0, At.AddYears(5), batchSize: 1000);

        var actual = await service.PurgeOnceAsync();

        Assert.Equal(0, actual);
        Assert.Equal(1, store.Count("SELECT COUNT(*) FROM requests"));
    }

    // helper-71: a first purge of 536,875 rows took a whole core for 131 s and halved the
    // traffic beside it. Each batch now pauses three times as long as it worked (PurgePacing).
    [Fact]
    public async Task PurgeOnce_pauses_after_each_batch_for_three_times_its_work()
    {
        await using var store = new StoreFixture();
        await store.WriteAllAsync([.. Enumerable.Range(0, 60).Select(n => Small(IdAt(At, n)))]);
        var clock = new SteppingClock(At.AddDays(2), TimeSpan.FromMilliseconds(40));
        var service = new RetentionService(store.Database, () => 1,
            new RetentionOptions { BatchSize = 10 }, clock, store.Logger);

        var deleted = await service.PurgeOnceAsync();

        Assert.Equal(60, deleted);
        Assert.True(clock.Delays.Count >= 6, $"{clock.Delays.Count} pauses");
        Assert.All(clock.Delays, pause => Assert.True(pause >= TimeSpan.FromMilliseconds(120),
            $"a pause of {pause.TotalMilliseconds} ms after 40 ms of work"));
    }

    [Fact]
    public void Default_options_follow_Cores_retention_rule()
    {
        var actual = new RetentionOptions();

        Assert.Equal(
            (Core.Audit.Retention.PurgeBatchSize, Core.Audit.Retention.FirstPurgeDelay,
                Core.Audit.Retention.PurgeInterval),
            (actual.BatchSize, actual.FirstRun, actual.Interval));
    }

    private static RetentionService Service(StoreFixture store, int days, DateTimeOffset now, int batchSize) =>
        new(store.Database, () => days, new RetentionOptions { BatchSize = batchSize, PauseBetweenBatches = TimeSpan.Zero },
            new ManualClock(now), store.Logger);
}
