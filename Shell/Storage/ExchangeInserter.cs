using Menshen.Core.Audit;
using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Storage;

/// Two prepared INSERTs on one connection, reused for every row the connection writes.
internal sealed class ExchangeInserter : IDisposable
{
    private readonly SqliteCommand _request;
    private readonly SqliteCommand _body;

    public ExchangeInserter(SqliteConnection connection)
    {
        _request = Prepare(connection, "requests", RequestRow.Columns);
        _body = Prepare(connection, "bodies", BodyRow.Columns);
    }

    /// Inserts the exchange's rows inside `tx`; a duplicate id fails (never overwrites).
    public void Insert(SqliteTransaction tx, Exchange exchange, string? legacyId = null)
    {
        Execute(_request, tx, RequestRow.Values(exchange, legacyId));
        if (BodyRow.Values(exchange) is { } body) Execute(_body, tx, body);
    }

    public void Dispose()
    {
        _request.Dispose();
        _body.Dispose();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string table, string[] columns)
    {
        var command = connection.CreateCommand();
        command.CommandText =
            $"INSERT INTO {table} ({string.Join(", ", columns)}) " +
            $"VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
        foreach (var column in columns) command.Parameters.Add(new SqliteParameter("$" + column, null));
        return command;
    }

    private static void Execute(SqliteCommand command, SqliteTransaction tx, object?[] values)
    {
        command.Transaction = tx;
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        command.ExecuteNonQuery();
    }
}
