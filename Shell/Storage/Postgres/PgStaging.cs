using Npgsql;
using NpgsqlTypes;

namespace Menshen.Shell.Storage.Postgres;

/// A batch's way into `requests` and `bodies`: binary COPY into temp tables that live for the
/// transaction, then one INSERT ... SELECT that skips ids already stored and adds the bodies of
/// the rows it inserted. COPY streams typed values: no statement text, parameters or plan per
/// batch that grows with the rows (the multi-row INSERT it replaces had all three).
internal static class PgStaging
{
    private static readonly string RequestColumns = string.Join(", ", RequestRow.Columns);
    private static readonly string BodyColumns = string.Join(", ", BodyRow.Columns);

    // ON COMMIT DROP: a pooled connection is reset when it goes back to the pool, which would
    // drop a longer-lived temp table anyway.
    private const string Create =
        "CREATE TEMP TABLE staged_requests (LIKE requests) ON COMMIT DROP; " +
        "CREATE TEMP TABLE staged_bodies (LIKE bodies) ON COMMIT DROP";

    // The foreign key of bodies is checked at the end of the statement, when the requests rows
    // the first part inserted are there.
    private static readonly string Insert = $"""
        WITH added AS (
            INSERT INTO requests ({RequestColumns})
            SELECT {RequestColumns} FROM staged_requests
            ON CONFLICT (id) DO NOTHING RETURNING id),
        bodies AS (
            INSERT INTO bodies ({BodyColumns})
            SELECT {string.Join(", ", BodyRow.Columns.Select(c => "s." + c))}
            FROM staged_bodies s JOIN added a ON a.id = s.request_id
            ON CONFLICT (request_id) DO NOTHING)
        SELECT id FROM added
        """;

    /// Stores the rows (ids distinct) in `tx`; returns the ids that were new.
    public static HashSet<long> Write(NpgsqlConnection connection, NpgsqlTransaction tx,
        IReadOnlyList<PgRow> rows)
    {
        using (var create = new NpgsqlCommand(Create, connection, tx)) create.ExecuteNonQuery();
        Copy(connection, "staged_requests", RequestColumns, PgColumnTypes.Requests,
            rows.Select(r => r.Request));
        Copy(connection, "staged_bodies", BodyColumns, PgColumnTypes.Bodies,
            rows.Where(r => r.Body is not null).Select(r => r.Body!));
        using var insert = new NpgsqlCommand(Insert, connection, tx);
        using var reader = insert.ExecuteReader();
        var added = new HashSet<long>(rows.Count);
        while (reader.Read()) added.Add(reader.GetInt64(0));
        return added;
    }

    private static void Copy(NpgsqlConnection connection, string table, string columns,
        NpgsqlDbType[] types, IEnumerable<object?[]> rows)
    {
        using var importer = connection.BeginBinaryImport(
            $"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)");
        foreach (var values in rows)
        {
            importer.StartRow();
            for (var i = 0; i < values.Length; i++) Write(importer, values[i], types[i]);
        }
        importer.Complete();
    }

    // Values come as RowValues binds them or as SQLite reads them back: long, double, string,
    // byte[] or null.
    private static void Write(NpgsqlBinaryImporter importer, object? value, NpgsqlDbType type)
    {
        switch (value, type)
        {
            case (null, _): importer.WriteNull(); break;
            case (long n, NpgsqlDbType.Bigint): importer.Write(n, type); break;
            case (long n, NpgsqlDbType.Double): importer.Write((double)n, type); break;
            case (double d, NpgsqlDbType.Double): importer.Write(d, type); break;
            case (string s, NpgsqlDbType.Text): importer.Write(s, type); break;
            case (byte[] b, NpgsqlDbType.Bytea): importer.Write(b, type); break;
            default:
                throw new InvalidOperationException(
                    $"audit row: a {value.GetType().Name} value for a {type} column");
        }
    }
}
