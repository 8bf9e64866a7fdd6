namespace Menshen.Core.Reports;

/// CSV as RFC 4180 writes it: comma-separated fields, CRLF line ends, a field quoted (its quotes
/// doubled) when it holds a comma, a quote, CR or LF.
public static class Csv
{
    private static readonly char[] Special = [',', '"', '\r', '\n'];

    /// One field; null is the empty field.
    public static string Field(string? value) =>
        value is null ? ""
        : value.IndexOfAny(Special) < 0 ? value
        : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// Untrusted text bound for a spreadsheet: a value starting with =, +, -, @, tab or CR gets a
    /// leading apostrophe, so a stored prompt cannot become a formula (OWASP "CSV injection").
    public static string Text(string? value) =>
        Field(value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
        ? "'" + value : value);

    /// One line of fields, already written by Field or Text, ending in CRLF.
    public static string Line(IEnumerable<string> fields) => string.Join(',', fields) + "\r\n";
}
