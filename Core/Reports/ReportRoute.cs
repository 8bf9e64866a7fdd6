namespace Menshen.Core.Reports;

/// The routes of the `/__report/*` API (SPEC §8).
public enum ReportRoute
{
    Summary,
    Daily,
    Models,
    Providers,
    Keys,
    Series,
    Logs,
    Log,
}
