using Menshen.Core.Reports;
using Menshen.Shell.Storage;
using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Reports;

/// SQL shared by the report queries: the thirteen sums of <see cref="ReportTotals"/>, over raw
/// `requests` rows (`r`) and over the running sums of schema version 3, by the same rules.
internal static class ReportSql
{
    /// The sums over raw rows, in ReportTotals order.
    public static readonly string RawSums = string.Join(", ",
        SchemaV3.Sums.Select(s => $"sum({s.Value.Replace("{r}", "r", StringComparison.Ordinal)})"));

    /// The sums of the running-sum columns over several rows, in the same order.
    public static readonly string RollupSums = string.Join(", ", SchemaV3.Sums.Select(s => $"sum({s.Column})"));

    /// The running-sum columns of one row, in the same order.
    public static readonly string RollupColumns = string.Join(", ", SchemaV3.Sums.Select(s => s.Column));

    /// Reads the sums starting at column `first` (NULL, from an empty set, is 0).
    public static ReportTotals ReadSums(SqliteDataReader reader, int first)
    {
        Span<long> v = stackalloc long[13];
        for (var i = 0; i < v.Length; i++) v[i] = reader.IsDBNull(first + i) ? 0 : reader.GetInt64(first + i);
        return new ReportTotals(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12]);
    }

    /// A command in the report's read transaction (one snapshot for every query of a report).
    public static SqliteCommand Command(SqliteTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// The column a breakdown groups by.
    public static string Column(ReportDimension dimension) => SchemaV3.GroupColumns[(int)dimension];

    /// The index of `requests` on that column (it ends in the rowid).
    public static string Index(ReportDimension dimension) => dimension switch
    {
        ReportDimension.Model => "ix_requests_model",
        ReportDimension.Provider => "ix_requests_provider",
        ReportDimension.Key => "ix_requests_key",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
    };
}
