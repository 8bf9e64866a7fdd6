using CsCheck;
using Menshen.Core.Http;

namespace Menshen.Core.Tests;

public class LogValueTests
{
    [Fact]
    public void Escaped_text_holds_no_control_character_or_line_separator() =>
        Gen.String.Sample(text =>
            !LogValue.Escape(text).Any(c => char.IsControl(c) || c is '\u2028' or '\u2029'));

    [Fact]
    public void Text_without_controls_or_backslashes_is_unchanged() =>
        Gen.String[Gen.Char.AlphaNumeric, 0, 40].Sample(text => LogValue.Escape(text) == text);

    // helper-44: a model `gpt-x provider=evil status=500` wrote fields a logfmt reader takes
    // before the real ones. A field's value holds no blank.
    [Fact]
    public void A_field_holds_no_blank_and_reads_back_as_its_text() =>
        Gen.String.Sample(text =>
        {
            var actual = LogValue.Field(text);
            return !actual.Any(char.IsWhiteSpace)
                && (text.Any(char.IsWhiteSpace) || actual == LogValue.Escape(text));
        });

    [Fact]
    public void A_forged_field_is_one_value() =>
        Assert.Equal(@"gpt-x\x20provider=evil\x20status=500",
            LogValue.Field("gpt-x provider=evil status=500"));

    [Fact]
    public void Forged_log_line_stays_on_one_line() =>
        Assert.Equal(@"/v1/models/\x0D\x1B[31m 12:00:00 info: FORGED",
            LogValue.Escape("/v1/models/\r\u001b[31m 12:00:00 info: FORGED"));

    // A text-direction override in a path made `ls ‮txt.exe` read as `exe.txt` in a terminal.
    [Fact]
    public void Text_direction_marks_are_escaped() =>
        Assert.Equal(@"/v1/models/\u202Egpt\u2066", LogValue.Escape("/v1/models/\u202Egpt\u2066"));

    [Fact]
    public void A_value_longer_than_the_cap_is_cut_and_says_how_much_was_left() =>
        Gen.Int[0, 3 * LogValue.MaxChars].Sample(length =>
        {
            var text = new string('m', length);

            var actual = LogValue.Escape(text);

            return length <= LogValue.MaxChars ? actual == text
                : actual == text[..LogValue.MaxChars] + $"…(+{length - LogValue.MaxChars} chars)";
        });

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var text = new string('m', LogValue.MaxChars - 1) + "😀" + "tail";

        var actual = LogValue.Escape(text);

        Assert.StartsWith(new string('m', LogValue.MaxChars - 1) + "…", actual, StringComparison.Ordinal);
    }

    // Mutation testing (helper-93): a backslash is doubled, so a value cannot spell an escape
    // (`\x0A`) that a reader of the log would take for one the gateway wrote.
    [Theory]
    [InlineData(@"a\b", @"a\\b")]
    [InlineData(@"\x0Aforged", @"\\x0Aforged")]
    [InlineData("a\u2028b", @"a\u2028b")]
    [InlineData("a\u2029b", @"a\u2029b")]
    [InlineData("\u0085", @"\x85")]
    public void Escape_doubles_a_backslash_and_escapes_line_separators(string value,
        string expected) =>
        Assert.Equal(expected, LogValue.Escape(value));

    [Theory]
    [InlineData("a\u3000b", @"a\u3000b")]
    [InlineData("a\u2003b", @"a\u2003b")]
    [InlineData("a\u00A0b", @"a\xA0b")]
    public void A_field_escapes_a_wide_blank_by_its_code(string value, string expected) =>
        Assert.Equal(expected, LogValue.Field(value));

    [Fact]
    public void No_value_is_the_empty_text() =>
        Assert.Equal("", LogValue.Escape(null));
}
