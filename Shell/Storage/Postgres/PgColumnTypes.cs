using System.Text.RegularExpressions;
using NpgsqlTypes;

namespace Menshen.Shell.Storage.Postgres;

/// The PostgreSQL type of each column the writer sends, read from PgSchema's own DDL so the two
/// cannot drift. Binary COPY sends raw bytes that the server does not convert (a long sent to a
/// `double precision` column would be read as a different number), and the INSERT's arrays are
/// typed by column: each value is written as its column's type.
internal static partial class PgColumnTypes
{
    /// In RequestRow.Columns order.
    public static readonly NpgsqlDbType[] Requests = Of("requests", RequestRow.Columns);

    /// In BodyRow.Columns order.
    public static readonly NpgsqlDbType[] Bodies = Of("bodies", BodyRow.Columns);

    private static NpgsqlDbType[] Of(string table, string[] columns)
    {
        var ddl = PgSchema.Tables;
        var start = ddl.IndexOf($"CREATE TABLE {table} (", StringComparison.Ordinal);
        var end = ddl.IndexOf(");", start, StringComparison.Ordinal);
        var types = ColumnLine().Matches(ddl[start..end]).ToDictionary(
            m => m.Groups[1].Value, m => m.Groups[2].Value switch
            {
                "bigint" => NpgsqlDbType.Bigint,
                "double precision" => NpgsqlDbType.Double,
                "text" => NpgsqlDbType.Text,
                _ => NpgsqlDbType.Bytea,
            });
        return [.. columns.Select(c => types.TryGetValue(c, out var type) ? type
            : throw new InvalidOperationException($"PgSchema has no column {table}.{c}"))];
    }

    [GeneratedRegex(@"^\s+(\w+)\s+(bigint|double precision|text|bytea)\b",
        RegexOptions.Multiline)]
    private static partial Regex ColumnLine();
}
