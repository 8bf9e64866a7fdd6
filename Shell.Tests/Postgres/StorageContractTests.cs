using System.Text;
using Menshen.Core.Usage;
using Menshen.Shell.Storage;
using static Menshen.Shell.Tests.Storage.SampleExchanges;

namespace Menshen.Shell.Tests.Postgres;

/// The storage seam's contract, on SQLite and on PostgreSQL alike.
[Collection("postgres")]
public class StorageContractTests(PgCluster cluster)
{
    [Theory]
    [MemberData(nameof(ContractStore.Backends), MemberType = typeof(ContractStore))]
    public async Task GetLog_after_write_returns_every_field(string backend)
    {
        await using var store = await ContractStore.OpenAsync(backend, cluster);
        var written = Full(IdAt(At)) with { ResolvedModel = "gpt-4o" };
        await store.WriteAllAsync(written);

        var actual = (await store.Reports.GetLogAsync(written.Id, CancellationToken.None))!;

        var e = actual.Exchange;
        Assert.Equal((written.Id, written.StartedAt, written.ClientKey, written.Endpoint), (e.Id, e.StartedAt, e.ClientKey, e.Endpoint));
        Assert.Equal((written.Provider, written.RequestedModel, written.EffectiveModel, written.ResolvedModel),
            (e.Provider, e.RequestedModel, e.EffectiveModel, e.ResolvedModel));
        Assert.Equal((written.Stream, written.Status, written.DurationMs, written.TtfbMs), (e.Stream, e.Status, e.DurationMs, e.TtfbMs));
        Assert.Equal(written.Attempts.ToArray(), e.Attempts.ToArray());
        Assert.Equal((written.ErrorNote, written.ClientClosed, written.Complete), (e.ErrorNote, e.ClientClosed, e.Complete));
        Assert.Equal(written.RequestBody!.Bytes.ToArray(), e.RequestBody!.Bytes.ToArray());
        Assert.Equal(written.ResponseBody!.Bytes.ToArray(), e.ResponseBody!.Bytes.ToArray());
        Assert.Equal((written.Usage, written.UsageSource, written.CostUsd), (e.Usage, e.UsageSource, e.CostUsd));
        // The writer stores what ReplayEligibility says: this sample has a note, so it is no answer.
        Assert.Equal((written.Cache, written.CacheKey, Core.Audit.ReplayEligibility.Of(written)),
            (e.Cache, e.CacheKey, e.CacheEligible));
        Assert.Equal(("What is WAL mode?", "Write-ahead logging."), (actual.RequestPreview, actual.ResponsePreview));
    }

    [Theory]
    [MemberData(nameof(ContractStore.Backends), MemberType = typeof(ContractStore))]
    public async Task Large_bodies_come_back_byte_for_byte(string backend)
    {
        await using var store = await ContractStore.OpenAsync(backend, cluster);
        var text = string.Concat(Enumerable.Repeat("data: {\"choices\":[{\"delta\":{\"content\":\"ab\"}}]}\n\n", 4000));
        var written = Full(IdAt(At)) with { ResponseBody = Body(text), ResponseContentType = "text/event-stream" };
        await store.WriteAllAsync(written);

        var actual = (await store.Reports.GetLogAsync(written.Id, CancellationToken.None))!.Exchange;

        Assert.Equal(text, Encoding.UTF8.GetString(actual.ResponseBody!.Bytes.Span));
    }

    [Theory]
    [MemberData(nameof(ContractStore.Backends), MemberType = typeof(ContractStore))]
    public async Task Text_with_u0000_is_stored_not_lost(string backend)
    {
        // A client may name such a model; an upstream may answer such an id. PostgreSQL's text
        // refuses U+0000, so it stores U+FFFD there; SQLite keeps the text as it came.
        await using var store = await ContractStore.OpenAsync(backend, cluster);
        var written = Full(IdAt(At)) with
        {
            RequestedModel = "gpt\u00004o", EffectiveModel = "gpt\u00004o", ClientKey = "bob\u0000",
            ResponseId = "resp_\u0000x",
        };
        await store.WriteAllAsync(written);

        var actual = await store.Reports.GetLogAsync(written.Id, CancellationToken.None);
        var origin = await store.Origins.FindOriginAsync("resp_\u0000x", false,
            CancellationToken.None);

        var stored = backend == "sqlite" ? '\u0000' : '\uFFFD';
        Assert.NotNull(actual);
        Assert.Equal(($"gpt{stored}4o", $"bob{stored}"),
            (actual.Exchange.RequestedModel, actual.Exchange.ClientKey));
        Assert.Equal(new Menshen.Core.Routing.ResponseOrigin(written.Provider!, $"bob{stored}"),
            origin);
    }

    [Theory]
    [MemberData(nameof(ContractStore.Backends), MemberType = typeof(ContractStore))]
    public async Task Unknown_id_reads_as_null(string backend)
    {
        await using var store = await ContractStore.OpenAsync(backend, cluster);

        var actual = await store.Reports.GetLogAsync(42, CancellationToken.None);

        Assert.Null(actual);
    }

    [Theory]
    [MemberData(nameof(ContractStore.Backends), MemberType = typeof(ContractStore))]
    public async Task A_response_kept_only_for_the_cache_is_replayed_but_not_shown(string backend)
    {
        // [logging] log_response_body = false: the cache still needs the answer.
        await using var store = await ContractStore.OpenAsync(backend, cluster);
        var key = new string('e', 64);
        var written = Cacheable(IdAt(At), key, """{"secret":"answer"}""") with
        {
            ResponseBodyForLog = false,
        };
        await store.WriteAllAsync(written);

        var shown = (await store.Reports.GetLogAsync(written.Id, CancellationToken.None))!;
        var replayed = (await store.Cache.FindAsync(key, null, CancellationToken.None))!;

        Assert.Null(shown.Exchange.ResponseBody);
        Assert.Equal("""{"secret":"answer"}""", Encoding.UTF8.GetString(replayed.Body.Span));
    }

    // helper-58: an answer over `[logging] max_body_bytes` kept whole for the cache was not
    // shown at all; it is shown up to the cap, marked truncated.
    [Theory]
    [MemberData(nameof(ContractStore.Backends), MemberType = typeof(ContractStore))]
    public async Task A_response_over_the_log_cap_is_replayed_whole_and_shown_cut(string backend)
    {
        await using var store = await ContractStore.OpenAsync(backend, cluster);
        var key = new string('f', 64);
        var written = Cacheable(IdAt(At), key, """{"secret":"answer"}""") with
        {
            ResponseLogLimit = 10,
        };
        await store.WriteAllAsync(written);

        var shown = (await store.Reports.GetLogAsync(written.Id, CancellationToken.None))!;
        var replayed = (await store.Cache.FindAsync(key, null, CancellationToken.None))!;

        Assert.Equal("""{"secret":""", Encoding.UTF8.GetString(shown.Exchange.ResponseBody!.Bytes.Span));
        Assert.True(shown.Exchange.ResponseBody.Truncated);
        Assert.Equal("""{"secret":"answer"}""", Encoding.UTF8.GetString(replayed.Body.Span));
    }

    [Theory]
    [MemberData(nameof(ContractStore.Backends), MemberType = typeof(ContractStore))]
    public async Task Cache_finds_the_newest_eligible_row_of_the_key(string backend)
    {
        await using var store = await ContractStore.OpenAsync(backend, cluster);
        var key = new string('c', 64);
        await store.WriteAllAsync(
            Cacheable(IdAt(At, 1), key, """{"n":1}"""),
            Cacheable(IdAt(At.AddMinutes(1)), key, """{"n":2}"""),
            Cacheable(IdAt(At.AddMinutes(2), 1), key, "{}") with { Status = 500 },
            Cacheable(IdAt(At.AddMinutes(3)), new string('d', 64), """{"n":3}"""));

        var actual = (await store.Cache.FindAsync(key, null, CancellationToken.None))!;

        Assert.Equal(IdAt(At.AddMinutes(1)), actual.SourceId);
        Assert.Equal("""{"n":2}""", Encoding.UTF8.GetString(actual.Body.Span));
        Assert.Equal((new TokenUsage(10, 4, 14, null, null), 0.5m), (actual.Usage, actual.CostUsd));
        Assert.Equal(At.AddMinutes(1).AddMilliseconds(5), actual.StoredAt); // its end
    }

    [Theory]
    [MemberData(nameof(ContractStore.Backends), MemberType = typeof(ContractStore))]
    public async Task Cache_ignores_entries_stale_by_the_bound(string backend)
    {
        await using var store = await ContractStore.OpenAsync(backend, cluster);
        var key = new string('e', 64);
        await store.WriteAllAsync(Cacheable(IdAt(At), key, "{}") with { DurationMs = 9_000 });

        var fresh = await store.Cache.FindAsync(key, At.AddSeconds(8), CancellationToken.None);
        var stale = await store.Cache.FindAsync(key, At.AddSeconds(9), CancellationToken.None);

        // Stale by the end of its answer (9 s after the start), not by its start.
        Assert.NotNull(fresh);
        Assert.Null(stale);
    }

    [Theory]
    [MemberData(nameof(ContractStore.Backends), MemberType = typeof(ContractStore))]
    public async Task Purge_deletes_rows_before_the_cutoff_and_keeps_the_rest(string backend)
    {
        await using var store = await ContractStore.OpenAsync(backend, cluster);
        var old = Enumerable.Range(0, 7).Select(i => Small(IdAt(At.AddDays(-10), i))).ToArray();
        var kept = Small(IdAt(At));
        await store.WriteAllAsync([.. old, kept]);

        var actual = await store.Purge.PurgeAsync(At.AddDays(-1).ToUnixTimeMilliseconds(),
            new RetentionOptions { BatchSize = 3, PauseBetweenBatches = TimeSpan.Zero }, TimeProvider.System,
            CancellationToken.None);

        Assert.Equal(7, actual);
        Assert.Null(await store.Reports.GetLogAsync(old[0].Id, CancellationToken.None));
        Assert.NotNull(await store.Reports.GetLogAsync(kept.Id, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(ContractStore.Backends), MemberType = typeof(ContractStore))]
    public async Task Writer_keeps_every_row_submitted_concurrently(string backend)
    {
        await using var store = await ContractStore.OpenAsync(backend, cluster);
        var rows = Enumerable.Range(0, 2000).Select(i => Small(IdAt(At, 0) + i)).ToArray();

        await Task.WhenAll(rows.Chunk(100).Select(chunk => Task.Run(async () =>
        {
            foreach (var row in chunk) await store.Writer.SubmitAsync(row, CancellationToken.None);
        })));
        await store.Writer.DrainAsync();

        Assert.Equal(2000, store.Writer.Written);
        Assert.Equal(0, store.Writer.Failed);
        Assert.NotNull(await store.Reports.GetLogAsync(rows[^1].Id, CancellationToken.None));
    }
}
