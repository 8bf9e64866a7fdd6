using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Menshen.Shell.Storage;

/// Prepared statements on a connection's raw handle, for the writer's per-row work
/// (ExchangeInserter, SumsTable): prepared once, bound by position (RowBinder), run and reset
/// for every row.
internal static class RawStatement
{
    public static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        SqliteException.ThrowExceptionForRC(rc, db);
        return statement;
    }

    /// Runs a statement that returns no rows and resets it for the next binding.
    public static void Run(sqlite3 db, sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, db);
    }
}
