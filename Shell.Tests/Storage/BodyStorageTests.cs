using System.Text;
using Menshen.Core.Audit;
using static Menshen.Shell.Tests.Storage.SampleExchanges;

namespace Menshen.Shell.Tests.Storage;

public class BodyStorageTests
{
    [Fact]
    public async Task Large_text_body_is_stored_compressed_and_read_back_whole()
    {
        await using var store = new StoreFixture();
        var sse = string.Concat(Enumerable.Range(0, 2000).Select(n => $"data: {{\"choices\":[{{\"delta\":{{\"content\":\"w{n} \"}}}}]}}\n\n"));
        var exchange = Small(IdAt(At)) with { ResponseBody = Body(sse), ResponseContentType = "text/event-stream" };
        await store.WriteAllAsync(exchange);

        var actual = (await store.Reader.GetLogAsync(exchange.Id))!;

        Assert.Equal(1, store.Count("SELECT response_encoding FROM bodies"));
        Assert.True(store.Count("SELECT length(response_body) FROM bodies") < Encoding.UTF8.GetByteCount(sse) / 5);
        Assert.Equal(sse, Encoding.UTF8.GetString(actual.Exchange.ResponseBody!.Bytes.Span));
        Assert.StartsWith("w0 w1 w2", actual.ResponsePreview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Small_body_is_stored_as_is()
    {
        await using var store = new StoreFixture();
        var exchange = Full(IdAt(At));
        await store.WriteAllAsync(exchange);

        var actual = store.Temp.Scalar("SELECT CAST(request_body AS TEXT) || '|' || request_encoding FROM bodies");

        Assert.Equal(ChatRequest + "|0", actual);
    }

    [Fact]
    public async Task Incompressible_body_is_stored_as_is()
    {
        await using var store = new StoreFixture();
        var noise = new byte[8192];
        new Random(7).NextBytes(noise);
        var exchange = Small(IdAt(At)) with { ResponseBody = new CapturedBody(noise, noise.Length) };
        await store.WriteAllAsync(exchange);

        var actual = (await store.Reader.GetLogAsync(exchange.Id))!;

        Assert.Equal(0, store.Count("SELECT response_encoding FROM bodies"));
        Assert.Equal(noise, actual.Exchange.ResponseBody!.Bytes.ToArray());
    }

    [Fact]
    public async Task Truncated_capture_keeps_its_flag_and_original_size()
    {
        await using var store = new StoreFixture();
        var kept = Encoding.UTF8.GetBytes(new string('y', 4096));
        var exchange = Small(IdAt(At)) with { ResponseBody = new CapturedBody(kept, 1_000_000) };
        await store.WriteAllAsync(exchange);

        var actual = (await store.Reader.GetLogAsync(exchange.Id))!.Exchange.ResponseBody!;

        Assert.Equal(1, store.Count("SELECT response_truncated FROM bodies"));
        Assert.Equal(1_000_000, store.Count("SELECT response_size FROM bodies"));
        Assert.Equal((true, 1_000_000L, 4096), (actual.Truncated, actual.TotalBytes, actual.Bytes.Length));
    }

    [Fact]
    public async Task Body_text_lets_sql_search_inside_compressed_bodies()
    {
        await using var store = new StoreFixture();
        var needle = Small(IdAt(At, 1)) with { RequestBody = Body(new string('z', 5000) + "needle") };
        await store.WriteAllAsync(needle, Small(IdAt(At, 2)));
        using var connection = store.Database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT request_id FROM bodies WHERE instr(body_text(request_body, request_encoding), 'needle') > 0";

        var actual = command.ExecuteScalar();

        Assert.Equal(1, store.Count("SELECT request_encoding FROM bodies WHERE request_id = " + needle.Id));
        Assert.Equal(needle.Id, actual);
    }
}
