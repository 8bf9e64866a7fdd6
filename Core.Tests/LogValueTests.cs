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

    [Fact]
    public void Forged_log_line_stays_on_one_line() =>
        Assert.Equal(@"/v1/models/\x0D\x1B[31m 12:00:00 info: FORGED",
            LogValue.Escape("/v1/models/\r\u001b[31m 12:00:00 info: FORGED"));
}
