using CsCheck;
using Menshen.Core.Reports;

namespace Menshen.Core.Tests;

public class CsvTests
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    [Fact]
    public void Line_round_trips_through_an_rfc4180_reader() =>
        ReportGens.CsvValue.Array[1, 6].Sample(values =>
        {
            var actual = CsvReader.ReadLine(Csv.Line(values.Select(Csv.Field)));

            return actual.SequenceEqual(values.Select(v => v ?? ""));
        });

    [Fact]
    public void Text_reads_back_as_the_value_or_the_value_behind_an_apostrophe() =>
        ReportGens.CsvValue.Sample(value =>
        {
            var actual = CsvReader.ReadLine(Csv.Line([Csv.Text(value)]))[0];

            return actual == (value ?? "") || actual == "'" + value;
        });

    [Fact]
    public void Text_never_starts_with_a_formula_character() =>
        ReportGens.CsvValue.Sample(value =>
        {
            var actual = CsvReader.ReadLine(Csv.Line([Csv.Text(value)]))[0];

            return actual.Length == 0 || !FormulaStarts.Contains(actual[0]);
        });

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData(null, "")]
    public void Field_quotes_only_when_needed(string? value, string expected)
    {
        var actual = Csv.Field(value);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("-1+2", "'-1+2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("hello=world", "hello=world")]
    public void Text_defuses_formulas(string value, string expected)
    {
        var actual = Csv.Text(value);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Line_ends_in_crlf()
    {
        var actual = Csv.Line(["a", "b"]);

        Assert.Equal("a,b\r\n", actual);
    }
}
