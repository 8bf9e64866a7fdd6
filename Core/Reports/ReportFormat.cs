namespace Menshen.Core.Reports;

/// How `/__report/logs` writes its rows.
public enum ReportFormat
{
    Json,
    Csv,
}
