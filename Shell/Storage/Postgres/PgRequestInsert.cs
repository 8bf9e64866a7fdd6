using Npgsql;
using NpgsqlTypes;

namespace Menshen.Shell.Storage.Postgres;

/// A batch's `requests` rows in one statement: one typed array per column, sent in binary and
/// unnested into an INSERT that skips ids already stored (ON CONFLICT DO NOTHING) and returns
/// the ids it inserted. The text is the same for every batch, so it is prepared once per
/// connection: no parse or plan per batch (the multi-row INSERT it replaces had a new text,
/// thousands of parameters and a new plan each time). The columns hold no bodies (PgBodyCopy
/// sends those), so the arrays stay small.
internal static class PgRequestInsert
{
    private static readonly string Sql =
        $"INSERT INTO requests ({string.Join(", ", RequestRow.Columns)}) SELECT * FROM unnest(" +
        string.Join(", ", PgColumnTypes.Requests.Select((t, i) => $"${i + 1}::{Name(t)}[]")) +
        ") ON CONFLICT (id) DO NOTHING RETURNING id";

    /// Inserts the rows (ids distinct) in `tx`; returns the ids that were new.
    public static HashSet<long> Run(NpgsqlConnection connection, NpgsqlTransaction tx,
        IReadOnlyList<PgRow> rows)
    {
        using var insert = new NpgsqlCommand(Sql, connection, tx);
        for (var c = 0; c < PgColumnTypes.Requests.Length; c++)
            insert.Parameters.Add(Column(rows, c, PgColumnTypes.Requests[c]));
        insert.Prepare();
        using var reader = insert.ExecuteReader();
        var added = new HashSet<long>(rows.Count);
        while (reader.Read()) added.Add(reader.GetInt64(0));
        return added;
    }

    private static string Name(NpgsqlDbType type) => type switch
    {
        NpgsqlDbType.Bigint => "bigint",
        NpgsqlDbType.Double => "double precision",
        NpgsqlDbType.Text => "text",
        _ => throw new InvalidOperationException($"requests has no {type} column"),
    };

    // Values come as RowValues binds them or as SQLite reads them back (long, double, string
    // or null); an integer for a double column is widened, any other mismatch is an
    // InvalidCastException (the committer then treats the row as refused).
    private static NpgsqlParameter Column(IReadOnlyList<PgRow> rows, int c, NpgsqlDbType type) =>
        type switch
        {
            NpgsqlDbType.Bigint => new NpgsqlParameter<long?[]>
            {
                TypedValue = [.. rows.Select(r => (long?)r.Request[c])],
            },
            NpgsqlDbType.Double => new NpgsqlParameter<double?[]>
            {
                TypedValue = [.. rows.Select(r => r.Request[c] is long n ? n
                    : (double?)r.Request[c])],
            },
            _ => new NpgsqlParameter<string?[]>
            {
                TypedValue = [.. rows.Select(r => (string?)r.Request[c])],
            },
        };
}
