using System.Buffers;
using Menshen.Core.Audit;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Menshen.Shell.Storage;

/// Two prepared INSERTs on one connection, reused for every row the connection writes. They are
/// raw statements bound by position and type (RowBinder) rather than SqliteCommands, whose
/// per-row parameter lookup by name, boxing and reader objects were most of the writer's cost.
internal sealed class ExchangeInserter : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _request;
    private readonly sqlite3_stmt _body;
    private readonly ArrayBufferWriter<byte> _scratch = new(4096);

    public ExchangeInserter(SqliteConnection connection, string[]? requestColumns = null,
        string[]? bodyColumns = null)
    {
        _db = connection.Handle!;
        _request = Prepare(_db, "requests", requestColumns ?? RequestRow.Columns);
        _body = Prepare(_db, "bodies", bodyColumns ?? BodyRow.Columns);
    }

    /// Inserts the exchange's rows inside `tx`; a duplicate id fails (never overwrites).
    public void Insert(SqliteTransaction tx, Exchange exchange, string? legacyId = null)
    {
        ArgumentNullException.ThrowIfNull(tx); // the rows go in with the caller's transaction
        RequestRow.Bind(new RowBinder(_request), exchange, legacyId, _scratch);
        RawStatement.Run(_db, _request);
        if (BodyRow.Bind(new RowBinder(_body), exchange, _scratch)) RawStatement.Run(_db, _body);
    }

    public void Dispose()
    {
        _request.Dispose();
        _body.Dispose();
    }

    private static sqlite3_stmt Prepare(sqlite3 db, string table, string[] columns)
    {
        var sql = $"INSERT INTO {table} ({string.Join(", ", columns)}) " +
                  $"VALUES ({string.Join(", ", columns.Select((_, i) => "?" + (i + 1)))})";
        return RawStatement.Prepare(db, sql);
    }
}
