using Menshen.Core.Reports;

namespace Menshen.Shell.Reports;

/// Sums per group value (a model, provider or client key), where null is a group of its own.
internal sealed class GroupSums
{
    private readonly Dictionary<string, ReportTotals> _named = new(StringComparer.Ordinal);
    private ReportTotals? _unnamed;

    public void Add(string? key, ReportTotals sums)
    {
        if (key is null) _unnamed = (_unnamed ?? ReportTotals.Zero).Add(sums);
        else _named[key] = _named.TryGetValue(key, out var known) ? known.Add(sums) : sums;
    }

    /// Groups with at least one request, by total tokens and then requests (largest first),
    /// then by name (ordinal, the unnamed group last), so the order is stable.
    public IEnumerable<(string? Key, ReportTotals Sums)> Ordered =>
        _named.Select(p => ((string?)p.Key, p.Value))
            .Concat(_unnamed is { } unnamed ? [(null, unnamed)] : [])
            .Where(e => e.Item2.Requests > 0)
            .OrderByDescending(e => e.Item2.TotalTokens)
            .ThenByDescending(e => e.Item2.Requests)
            .ThenBy(e => e.Item1 is null)
            .ThenBy(e => e.Item1, StringComparer.Ordinal);
}
