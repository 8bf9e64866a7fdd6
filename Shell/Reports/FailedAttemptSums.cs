using System.Data.Common;
using Menshen.Core.Reports;
using Menshen.Shell.Storage;
using static Menshen.Shell.Reports.ReportSql;

namespace Menshen.Shell.Reports;

/// The tries each provider failed without being the answer, over the window `[since, ∞)`:
/// read from the rows of more than one try (the partial index of schema version 12: failovers
/// are rare, so it holds few rows) and counted by Core's rule (FailedAttempts).
internal static class FailedAttemptSums
{
    public static Dictionary<string, long> Since(DbTransaction tx, long sinceMs)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        using var command = Command(tx,
            $"SELECT r.provider, r.attempts FROM requests r INDEXED BY {SchemaV12.Index} " +
            $"WHERE {SchemaV12.Condition} AND r.created_at >= $since",
            ("$since", sinceMs));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            FailedAttempts.Add(counts, AttemptJson.Deserialize(reader.GetString(1)),
                reader.IsDBNull(0) ? null : reader.GetString(0));
        }
        return counts;
    }
}
