using Menshen.Core.Reports;

namespace Menshen.Shell.Reports;

/// Window sums per group value (a model, provider or client key); null is a group of its own.
internal sealed class GroupSums(bool latency)
{
    private readonly Dictionary<string, WindowSum> _named = new(StringComparer.Ordinal);
    private WindowSum? _unnamed;

    public WindowSum this[string? key] => key is null
        ? _unnamed ??= new WindowSum(latency)
        : _named.TryGetValue(key, out var sum) ? sum : _named[key] = new WindowSum(latency);

    /// Groups with at least one request, by total tokens and then requests (largest first),
    /// then by name (ordinal, the unnamed group last), so the order is stable.
    public IEnumerable<(string? Key, WindowSum Sum)> Ordered =>
        _named.Select(p => ((string?)p.Key, p.Value))
            .Concat(_unnamed is { } unnamed ? [(null, unnamed)] : [])
            .Where(e => e.Item2.Totals.Requests > 0)
            .OrderByDescending(e => e.Item2.Totals.TotalTokens)
            .ThenByDescending(e => e.Item2.Totals.Requests)
            .ThenBy(e => e.Item1 is null)
            .ThenBy(e => e.Item1, StringComparer.Ordinal);

    /// Adds a raw row to its group.
    public void AddRow(string? key, ReportRow row) => this[key].AddRow(row);
}
