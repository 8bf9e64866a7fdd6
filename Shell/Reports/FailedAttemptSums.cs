using System.Data.Common;
using Menshen.Core.Reports;
using Menshen.Shell.Storage;
using static Menshen.Shell.Reports.ReportSql;

namespace Menshen.Shell.Reports;

/// The tries each provider failed without being the answer, over the window `[since, ∞)`:
/// read from the rows of more than one try (the partial index of schema version 12, which holds
/// the columns read here on SQLite since version 13) and counted by Core's rule
/// (FailedAttempts).
public static class FailedAttemptSums
{
    /// On SQLite a read of the covering index alone (schema 13); PostgreSQL drops the hint.
    public static readonly string Query =
        $"SELECT r.provider, r.attempts FROM requests r INDEXED BY {SchemaV13.Index} " +
        $"WHERE {SchemaV12.Condition} AND r.created_at >= $since";

    public static Dictionary<string, long> Since(DbTransaction tx, long sinceMs)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        using var command = Command(tx, Query, ("$since", sinceMs));
        var (tried, known) = (new List<string>(4), new List<string>());
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            AttemptJson.ReadProviders(reader.GetString(1), tried, known);
            FailedAttempts.AddProviders(counts, tried,
                reader.IsDBNull(0) ? null : reader.GetString(0));
        }
        return counts;
    }
}
