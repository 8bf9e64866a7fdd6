using System.Data.Common;
using System.Text.RegularExpressions;
using Npgsql;

namespace Menshen.Shell.Storage;

/// Commands that run on either backend. The SQL is written once, for SQLite (`$name`
/// parameters, as Core's LogSql writes them); on a PostgreSQL connection the parameters become
/// `@name` and SQLite's index hints go. Everything else the shared SQL uses means the same on
/// both (the functions `body_contains` and `latency_add` exist on both: registered per SQLite
/// connection, created by PostgreSQL's schema).
internal static partial class Sql
{
    public static bool IsPostgres(DbConnection connection) => connection is NpgsqlConnection;

    /// A command in `tx` with `parameters` (null values sent as NULL).
    public static DbCommand Command(DbTransaction tx, string sql,
        params (string Name, object? Value)[] parameters)
    {
        var command = Command(tx.Connection!, sql, parameters);
        command.Transaction = tx;
        return command;
    }

    public static DbCommand Command(DbConnection connection, string sql,
        params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = IsPostgres(connection) ? ForPostgres(sql) : sql;
        foreach (var (name, value) in parameters) Add(command, name, value);
        return command;
    }

    /// Adds a parameter named as in the SQLite text (`$name`); returns it for reuse.
    public static DbParameter Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = command is NpgsqlCommand ? name.TrimStart('$') : name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public static string ForPostgres(string sql) =>
        Parameter().Replace(IndexHint().Replace(sql, ""), "@$1")
            // LogSql's JSON terms over `attempts` (text), in PostgreSQL's functions.
            .Replace("json_array_length(r.attempts)", "json_array_length(r.attempts::json)",
                StringComparison.Ordinal)
            .Replace("json_each(r.attempts)", "json_array_elements(r.attempts::json)",
                StringComparison.Ordinal)
            .Replace("json_extract(a.value, '$.provider')", "(a.value ->> 'provider')",
                StringComparison.Ordinal);

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"\s+INDEXED BY [A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex IndexHint();
}
