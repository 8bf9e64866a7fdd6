namespace Menshen.Shell.Storage;

/// Version 11: the running sums count the rows that cost nothing without a price deciding it
/// (ReportTotals.Unspent: the gateway's refusals and own answers, model-less reads), so that
/// they no longer turn an unpriced window's cost from "no price" into $0 (helper-55, -56).
/// The sums are recomputed from the rows once (ReportSums.Rebuild), as migrations 9 and 10 did.
internal static class SchemaV11
{
    private static readonly string[] SumTables =
        ["report_quarters", "report_groups", "report_group_days"];

    /// The sum columns from version 11 on, in ReportTotals order.
    public static readonly string[] SumColumns = [.. SchemaV5.SumColumns, "unspent"];

    /// Adds the column where it is missing (a file made at a later version and marked older,
    /// as the upgrade tests do, has it already).
    public static void AddColumns(Microsoft.Data.Sqlite.SqliteTransaction tx)
    {
        foreach (var table in SumTables)
        {
            using var has = Sql.Command(tx,
                $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = 'unspent'");
            if (Convert.ToInt64(has.ExecuteScalar(),
                System.Globalization.CultureInfo.InvariantCulture) > 0) continue;
            Migrations.Execute(tx,
                $"ALTER TABLE {table} ADD COLUMN unspent INTEGER NOT NULL DEFAULT 0");
        }
    }
}
