namespace Menshen.Shell.Reports;

/// What a breakdown table groups by; the values are `report_groups.dimension`.
internal enum ReportDimension
{
    Model = 0,
    Provider = 1,
    Key = 2,
}
