namespace Menshen.Core.Metrics;

/// Bounds a metric label a client chooses (the model): the first `limit` distinct values keep
/// their own series, every later one counts under `other`.
public static class LabelBudget
{
    public const int DefaultLimit = 100;
    public const string Other = "other";

    public static string Bound(IReadOnlySet<string> seen, string value, int limit = DefaultLimit)
    {
        ArgumentNullException.ThrowIfNull(seen);
        return seen.Contains(value) || seen.Count < limit ? value : Other;
    }
}
