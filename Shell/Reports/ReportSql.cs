using System.Data.Common;
using Menshen.Core.Reports;
using Menshen.Shell.Storage;

namespace Menshen.Shell.Reports;

/// SQL shared by the report queries over the running sums of schema version 3.
internal static class ReportSql
{
    /// The sum columns of a running-sum row, in ReportTotals order.
    public static readonly string SumColumns = string.Join(", ", SchemaV11.SumColumns);

    /// How many sum columns a running-sum row has.
    public static int SumCount => SchemaV11.SumColumns.Length;

    /// Reads the sums starting at column `first`.
    public static ReportTotals ReadSums(DbDataReader reader, int first)
    {
        Span<long> v = stackalloc long[16];
        for (var i = 0; i < v.Length; i++) v[i] = reader.GetInt64(first + i);
        return new ReportTotals(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10],
            v[11], v[12], v[13], v[14], v[15]);
    }

    /// A command in the report's read transaction (one snapshot for every query of a report).
    public static DbCommand Command(DbTransaction tx, string sql,
        params (string Name, object? Value)[] parameters) => Sql.Command(tx, sql, parameters);
}
