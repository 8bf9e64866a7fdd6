namespace Menshen.Core.Reports;

/// How many groups `/__report/models`, `/providers` and `/keys` answer at most: the largest,
/// in their order. Clients choose model names: a soak with 40,000 distinct ones made the
/// models breakdown 12 MB, which the dashboard fetched every minute.
public static class BreakdownLimit
{
    public const int Groups = 1_000;
}
