using Menshen.Core.Usage;
using static Menshen.Shell.Tests.Storage.SampleExchanges;

namespace Menshen.Shell.Tests.Storage;

public class AuditWriterRoundTripTests
{
    [Fact]
    public async Task GetLog_after_write_returns_every_field()
    {
        await using var store = new StoreFixture();
        var written = Full(IdAt(At));
        await store.WriteAllAsync(written);

        var actual = (await store.Reader.GetLogAsync(written.Id))!;

        var e = actual.Exchange;
        Assert.Equal(written.Id, e.Id);
        Assert.Equal(written.StartedAt, e.StartedAt);
        Assert.Equal((written.ClientKey, written.Method, written.Path, written.Endpoint), (e.ClientKey, e.Method, e.Path, e.Endpoint));
        Assert.Equal((written.Provider, written.RequestedModel, written.EffectiveModel), (e.Provider, e.RequestedModel, e.EffectiveModel));
        Assert.Equal((written.Stream, written.Status, written.DurationMs, written.TtfbMs), (e.Stream, e.Status, e.DurationMs, e.TtfbMs));
        Assert.Equal(written.Attempts.ToArray(), e.Attempts.ToArray());
        Assert.Equal((written.ErrorNote, written.ClientClosed, written.Complete), (e.ErrorNote, e.ClientClosed, e.Complete));
        Assert.Equal((written.RequestBytes, written.ResponseBytes), (e.RequestBytes, e.ResponseBytes));
        Assert.Equal(written.RequestBody!.Bytes.ToArray(), e.RequestBody!.Bytes.ToArray());
        Assert.Equal(written.ResponseBody!.Bytes.ToArray(), e.ResponseBody!.Bytes.ToArray());
        Assert.Equal(written.ResponseContentType, e.ResponseContentType);
        Assert.Equal((written.Usage, written.UsageSource, written.CostUsd), (e.Usage, e.UsageSource, e.CostUsd));
        Assert.Equal((written.Cache, written.CacheSourceId, written.CacheKey, Core.Audit.ReplayEligibility.Of(written)),
            (e.Cache, e.CacheSourceId, e.CacheKey, e.CacheEligible));
        Assert.Equal("What is WAL mode?", actual.RequestPreview);
        Assert.Equal("Write-ahead logging.", actual.ResponsePreview);
        Assert.Null(actual.LegacyId);
    }

    // Texts are bound as UTF-8 straight on SQLite's C API: '' stays '' (never NULL), non-ASCII
    // and texts longer than the binder's 1 KiB stack buffer come back as they went in.
    public static TheoryData<string> Texts =>
        ["", "café ⚡ 门神 \ud83d\ude80", string.Concat(Enumerable.Repeat("é门x", 2_000))];

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task Texts_are_stored_exactly(string text)
    {
        await using var store = new StoreFixture();
        var written = Small(IdAt(At)) with
        {
            ClientKey = text,
            Path = "/v1/" + text,
            RequestedModel = text,
            ResolvedModel = null,
        };
        await store.WriteAllAsync(written);

        var e = (await store.Reader.GetLogAsync(written.Id))!.Exchange;
        Assert.Equal((text, "/v1/" + text, text), (e.ClientKey, e.Path, e.RequestedModel));
        Assert.Null(e.ResolvedModel);
    }

    [Fact]
    public async Task Cache_write_tokens_are_stored_and_read_back_null_when_not_reported()
    {
        await using var store = new StoreFixture();
        var anthropic = Small(IdAt(At, 1)) with
        {
            Usage = new TokenUsage(23, 8, 31, 11, null, 3, 4),
            UsageSource = UsageSource.Body,
        };
        var openai = Small(IdAt(At, 2));
        await store.WriteAllAsync(anthropic, openai);

        var stored = store.Temp.Scalar(
            $"SELECT cache_write_5m_tokens || ',' || cache_write_1h_tokens FROM requests WHERE id = {anthropic.Id}");
        var unreported = store.Temp.Scalar(
            $"SELECT quote(cache_write_5m_tokens) || ',' || quote(cache_write_1h_tokens) FROM requests WHERE id = {openai.Id}");
        var read = (await store.Reader.GetLogAsync(anthropic.Id))!.Exchange;

        Assert.Equal("3,4", stored);
        Assert.Equal("NULL,NULL", unreported);
        Assert.Equal(anthropic.Usage, read.Usage);
        Assert.Equal(7, read.Usage!.CacheWriteTokens);
    }

    [Fact]
    public async Task Attempts_are_stored_as_report_shaped_json()
    {
        await using var store = new StoreFixture();
        var written = Full(IdAt(At));
        await store.WriteAllAsync(written);

        var actual = store.Temp.Scalar($"SELECT attempts FROM requests WHERE id = {written.Id}");

        Assert.Equal(
            """[{"provider":"azure","status_code":null,"error":"connect refused","duration_ms":3.5},""" +
            """{"provider":"openai","status_code":200,"error":null,"duration_ms":805.75}]""",
            actual);
    }

    [Fact]
    public async Task Unreadable_usage_is_stored_as_null_and_zero_usage_as_zero()
    {
        await using var store = new StoreFixture();
        var none = Small(IdAt(At, 1)) with { Usage = null, UsageSource = UsageSource.None, CostUsd = null };
        var zero = Small(IdAt(At, 2)) with { Usage = new TokenUsage(0, 0, 0, null, null), UsageSource = UsageSource.Stream, CostUsd = 0m };
        await store.WriteAllAsync(none, zero);

        var noneRow = store.Temp.Scalar($"SELECT quote(prompt_tokens) || ',' || quote(total_tokens) || ',' || usage_source || ',' || quote(cost_usd) FROM requests WHERE id = {none.Id}");
        var zeroRow = store.Temp.Scalar($"SELECT quote(prompt_tokens) || ',' || quote(total_tokens) || ',' || usage_source || ',' || quote(cost_usd) FROM requests WHERE id = {zero.Id}");
        var noneRead = (await store.Reader.GetLogAsync(none.Id))!.Exchange;
        var zeroRead = (await store.Reader.GetLogAsync(zero.Id))!.Exchange;

        Assert.Equal("NULL,NULL,0,NULL", noneRow);
        Assert.Equal("0,0,2,0.0", zeroRow);
        Assert.Equal((null, UsageSource.None, null), (noneRead.Usage, noneRead.UsageSource, noneRead.CostUsd));
        Assert.Equal((new TokenUsage(0, 0, 0, null, null), UsageSource.Stream, 0m), (zeroRead.Usage, zeroRead.UsageSource, zeroRead.CostUsd));
    }

    [Fact]
    public async Task Usage_without_a_source_is_not_recorded_as_tokens()
    {
        await using var store = new StoreFixture();
        var inconsistent = Small(IdAt(At)) with { Usage = new TokenUsage(5, 5, 10, null, null), UsageSource = UsageSource.None };
        await store.WriteAllAsync(inconsistent);

        var actual = (await store.Reader.GetLogAsync(inconsistent.Id))!.Exchange;

        Assert.Null(actual.Usage);
    }

    [Fact]
    public async Task GetLog_of_an_unknown_id_is_null()
    {
        await using var store = new StoreFixture();
        await store.WriteAllAsync(Small(IdAt(At)));

        var actual = await store.Reader.GetLogAsync(42);

        Assert.Null(actual);
    }

    [Fact]
    public async Task Exchange_without_bodies_has_no_body_row()
    {
        await using var store = new StoreFixture();
        var bare = Small(IdAt(At)) with { RequestBody = null, ResponseBody = null };
        await store.WriteAllAsync(bare);

        var actual = (await store.Reader.GetLogAsync(bare.Id))!;

        Assert.Equal(0, store.Count("SELECT COUNT(*) FROM bodies"));
        Assert.Null(actual.Exchange.RequestBody);
        Assert.Null(actual.RequestPreview);
    }

    [Fact]
    public async Task LatestId_is_the_largest_stored_id()
    {
        await using var store = new StoreFixture();
        await store.WriteAllAsync(Small(IdAt(At, 7)), Small(IdAt(At, 3)));

        var actual = await store.Reader.LatestIdAsync();

        Assert.Equal(IdAt(At, 7), actual);
    }
}
