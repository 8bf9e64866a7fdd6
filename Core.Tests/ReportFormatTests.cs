using Menshen.Core.Reports;

namespace Menshen.Core.Tests;

public class ReportFormatTests
{
    // Mutation testing (helper-93): the download's extension, and the BOM only for csv-bom.
    [Theory]
    [InlineData(ReportFormat.Json, false, "json", new byte[0])]
    [InlineData(ReportFormat.Csv, true, "csv", new byte[0])]
    [InlineData(ReportFormat.CsvWithBom, true, "csv", new byte[] { 0xEF, 0xBB, 0xBF })]
    public void Each_format_has_its_extension_and_preamble(ReportFormat format, bool csv,
        string extension, byte[] preamble)
    {
        Assert.Equal((csv, extension), (format.IsCsv(), format.Extension()));
        Assert.Equal(preamble, format.Preamble().ToArray());
    }
}
