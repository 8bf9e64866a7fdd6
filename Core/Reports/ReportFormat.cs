namespace Menshen.Core.Reports;

/// How `/__report/logs` writes its rows.
public enum ReportFormat
{
    Json,
    Csv,

    /// `csv-bom`: the CSV after a UTF-8 byte-order mark, for spreadsheets. Excel and WPS on a
    /// Chinese or Japanese Windows read a CSV without one as GBK or Shift-JIS, garbling every
    /// CJK letter (helper-92); scripts keep `csv`, whose first field is `id` exactly.
    CsvWithBom,
}

public static class ReportFormats
{
    public static bool IsCsv(this ReportFormat format) => format != ReportFormat.Json;

    /// The download's file extension.
    public static string Extension(this ReportFormat format) => format.IsCsv() ? "csv" : "json";

    /// The bytes before the rows: the UTF-8 byte-order mark for `csv-bom`, else none.
    public static ReadOnlySpan<byte> Preamble(this ReportFormat format) =>
        format == ReportFormat.CsvWithBom ? [0xEF, 0xBB, 0xBF] : [];
}
