using System.Buffers;
using System.Data.Common;
using Menshen.Core.Audit;
using Menshen.Core.Reports;

namespace Menshen.Shell.Storage.Postgres;

/// One audit row ready for PostgreSQL: the `requests` values (RequestRow.Columns order), the
/// `bodies` values (BodyRow.Columns order, bodies uncompressed) or null, and what the running
/// sums read of it. Made from an exchange (the writer) or from an SQLite audit row (the spool's
/// replay and `-import-sqlite`), so every path stores the same values.
internal sealed record PgRow(long Id, object?[] Request, object?[]? Body, ReportRow Report)
{
    /// The SELECT that <see cref="Read"/> maps, over an SQLite audit database: rows after `$after`
    /// in id order, at most `$take`.
    public static readonly string SqliteSelect =
        "SELECT " + string.Join(", ", RequestRow.Columns.Select(c => "r." + c)) + ", "
        + string.Join(", ", BodyRow.Columns.Select(c => "b." + c)) + ", " + ReportRows.Columns
        + " FROM requests r LEFT JOIN bodies b ON b.request_id = r.id"
        + " WHERE r.id > $after ORDER BY r.id LIMIT $take";

    public static PgRow Of(Exchange exchange, ArrayBufferWriter<byte> scratch)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var request = new RowValues(RequestRow.Columns.Length);
        RequestRow.Bind(request, exchange, null, scratch);
        var body = new RowValues(BodyRow.Columns.Length);
        var hasBody = BodyRow.Bind(body, exchange, scratch, compress: false);
        return Storable(new PgRow(exchange.Id, request.Values, hasBody ? body.Values : null,
            RequestRow.Report(exchange)));
    }

    /// The same row under another id (its `requests` id and its body's `request_id`).
    public PgRow WithId(long id)
    {
        object?[] request = [.. Request];
        request[0] = id;
        object?[]? body = Body is null ? null : [.. Body];
        if (body is not null) body[0] = id;
        return this with { Id = id, Request = request, Body = body };
    }

    /// The row at the reader (an SQLite `SqliteSelect`); Brotli bodies are decompressed.
    public static PgRow Read(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var n = RequestRow.Columns.Length;
        var request = Values(reader, 0, n);
        var body = reader.IsDBNull(n) ? null : Values(reader, n, BodyRow.Columns.Length);
        if (body is not null)
        {
            Decode(body, 1);
            Decode(body, 5);
        }
        var report = ReportRows.Read(reader, n + BodyRow.Columns.Length);
        return Storable(new PgRow((long)request[0]!, request, body, report));
    }

    // Every text value as PostgreSQL can store it (PgText): the row's and the sums' names.
    // Bodies are bytea; a row without U+0000 (nearly all) is returned as it is.
    private static PgRow Storable(PgRow row)
    {
        PgText.MakeStorable(row.Request);
        var report = row.Report;
        var (model, provider, key) = (PgText.Storable(report.Model),
            PgText.Storable(report.Provider), PgText.Storable(report.Key));
        return ReferenceEquals(model, report.Model) && ReferenceEquals(provider, report.Provider)
            && ReferenceEquals(key, report.Key)
            ? row
            : row with { Report = report with { Model = model, Provider = provider, Key = key } };
    }

    private static object?[] Values(DbDataReader reader, int first, int count)
    {
        var values = new object?[count];
        for (var i = 0; i < count; i++)
            values[i] = reader.IsDBNull(first + i) ? null : reader.GetValue(first + i);
        return values;
    }

    // body[at] is a body, body[at + 1] its encoding.
    private static void Decode(object?[] body, int at)
    {
        if (body[at] is not byte[] stored) return;
        var encoding = (BodyEncoding)Convert.ToInt64(body[at + 1],
            System.Globalization.CultureInfo.InvariantCulture);
        body[at] = BodyCodec.Decode(stored, encoding);
        body[at + 1] = (long)BodyEncoding.Identity;
    }
}
