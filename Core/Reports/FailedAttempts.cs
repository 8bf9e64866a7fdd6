using System.Collections.Immutable;
using Menshen.Core.Audit;

namespace Menshen.Core.Reports;

/// Tries at a provider that were not the request's answer: it failed and the gateway tried
/// again elsewhere, or fell back to an earlier answer. A row counts under the provider that
/// answered, so without these a provider rescued by failover every time did not appear in
/// `/__report/providers` at all (helper-54, helper-58).
public static class FailedAttempts
{
    /// The providers of a row's tries less its answer: every try but one of `answeredBy` (which
    /// of that provider's tries it was changes no count). A row of one try has none.
    public static IEnumerable<string> Of(ImmutableArray<AttemptRecord> attempts,
        string? answeredBy) =>
        OfProviders(attempts.IsDefault ? [] : [.. attempts.Select(a => a.Provider)],
            answeredBy);

    /// The same over the providers of a row's tries, in order.
    public static IEnumerable<string> OfProviders(IReadOnlyList<string> tried, string? answeredBy)
    {
        ArgumentNullException.ThrowIfNull(tried);
        var answerSkipped = answeredBy is null;
        for (var i = tried.Count - 1; i >= 0; i--)
        {
            if (!answerSkipped && tried[i] == answeredBy)
            {
                answerSkipped = true;
                continue;
            }
            yield return tried[i];
        }
    }

    /// Adds a row's failed tries to `counts`, per provider.
    public static void Add(Dictionary<string, long> counts, ImmutableArray<AttemptRecord> attempts,
        string? answeredBy) =>
        AddProviders(counts, attempts.IsDefault ? [] : [.. attempts.Select(a => a.Provider)],
            answeredBy);

    /// The same over the providers of a row's tries, in order (the report reads only those).
    public static void AddProviders(Dictionary<string, long> counts, IReadOnlyList<string> tried,
        string? answeredBy)
    {
        ArgumentNullException.ThrowIfNull(counts);
        foreach (var provider in OfProviders(tried, answeredBy))
            counts[provider] = counts.GetValueOrDefault(provider) + 1;
    }
}
