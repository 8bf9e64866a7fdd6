using Menshen.Shell.Storage;

namespace Menshen.Shell.Tests.Support;

/// SQLite's `EXPLAIN QUERY PLAN` of a statement, one step a line.
public static class QueryPlan
{
    public static string Of(AuditDatabase database, string sql)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read()) lines.Add(reader.GetString(3));
        return string.Join("\n", lines);
    }
}
