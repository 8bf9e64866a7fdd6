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
        string? answeredBy)
    {
        var answerSkipped = answeredBy is null;
        for (var i = attempts.Length - 1; i >= 0; i--)
        {
            if (!answerSkipped && attempts[i].Provider == answeredBy)
            {
                answerSkipped = true;
                continue;
            }
            yield return attempts[i].Provider;
        }
    }

    /// Adds a row's failed tries to `counts`, per provider.
    public static void Add(Dictionary<string, long> counts, ImmutableArray<AttemptRecord> attempts,
        string? answeredBy)
    {
        ArgumentNullException.ThrowIfNull(counts);
        foreach (var provider in Of(attempts, answeredBy))
            counts[provider] = counts.GetValueOrDefault(provider) + 1;
    }
}
