using System.Collections.Immutable;
using Menshen.Shell.Storage.Legacy;
using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Storage;

/// The ordered list of schema steps, and the runner that brings a database up to date.
/// Append new steps; never edit or reorder a released one.
internal static class Migrations
{
    public static readonly ImmutableArray<Migration> All =
    [
        new(1, "create the audit schema", (tx, _) => Execute(tx, SchemaV1.Sql)),
        new(2, "import the tables of ai-menshen (Go)", LegacyImport.Run),
        new(3, "running sums for the reports", (tx, _) =>
        {
            Execute(tx, SchemaV3.Sql);
            ReportSums.Rebuild(tx, SchemaV3.SumColumns);
        }),
        new(4, "the alias-resolved model of each request", (tx, _) => Execute(tx, SchemaV4.Sql)),
        new(5, "prompt-cache write tokens (5 m, 1 h)", (tx, _) => Execute(tx, SchemaV5.Sql)),
        new(6, "the response id of each answer (affinity)", (tx, _) => Execute(tx, SchemaV6.Sql)),
        new(7, "response bodies kept for the cache only", (tx, _) => Execute(tx, SchemaV7.Sql)),
        new(8, "partial indexes for rare log-filter values", (tx, _) => Execute(tx, SchemaV8.Sql)),
        // 9 and 10 recomputed the sums from the rows (a refused upgrade, 426, is no error:
        // ReportRow.IsError; the latency leaves out the gateway's own refusals:
        // ReportRow.CountsForLatency). Every run that applies them applies 11 too, which
        // recomputes them under the same rules, so they no longer scan the rows themselves
        // (a version-8 file was scanned three times at its first start).
        new(9, "report sums without refused upgrades as errors", (_, _) => { }),
        new(10, "report latency without the gateway's own refusals", (_, _) => { }),
        // The rows are as they were; the sums count the rows that cost nothing without a
        // price deciding it (ReportTotals.Unspent), recomputed from the rows once.
        new(11, "report sums of requests no provider was asked", (tx, _) =>
        {
            SchemaV11.AddColumns(tx);
            ReportSums.Rebuild(tx, SchemaV11.SumColumns);
        }),
        new(12, "an index of the rows that failed over", (tx, _) => Execute(tx, SchemaV12.Sql)),
        new(13, "the failover index holds the tries", (tx, _) => Execute(tx, SchemaV13.Sql)),
    ];

    public static int Latest => All[^1].Version;

    /// Applies every step above the file's `user_version`, each in its own transaction.
    /// `role` names the file in the log: the audit database, or a PostgreSQL instance's spool.
    public static void Run(SqliteConnection connection, ILogger logger,
        string role = "audit database")
    {
        var found = UserVersion(connection, null);
        if (found > Latest) throw new SchemaTooNewException(found, Latest);
        if (found < 2) LegacyBackup.KeepCopy(connection, logger);
        foreach (var step in All.Where(m => m.Version > found))
            Apply(connection, step, logger, role);
    }

    private static void Apply(SqliteConnection connection, Migration step, ILogger logger,
        string role)
    {
        using var tx = connection.BeginTransaction(deferred: false);
        // Another process may have applied it between our read and our write lock.
        if (UserVersion(connection, tx) >= step.Version) return;
        logger.LogInformation("{Role}: migration {Version} ({Name})", role, step.Version,
            step.Name);
        step.Apply(tx, logger);
        Execute(tx, $"PRAGMA user_version = {step.Version}");
        tx.Commit();
    }

    public static int UserVersion(SqliteConnection connection, SqliteTransaction? tx)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(),
            System.Globalization.CultureInfo.InvariantCulture);
    }

    public static void Execute(SqliteTransaction tx, string sql)
    {
        using var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
