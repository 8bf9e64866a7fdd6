using CsCheck;
using Menshen.Core.Config;

namespace Menshen.Core.Tests;

public class ConfigFileCheckTests
{
    [Fact]
    public void Shown_words_at_most_twenty_errors_and_counts_the_rest() =>
        Gen.Int[0, 200].Sample(count =>
        {
            var errors = Enumerable.Range(0, count).ToList();
            var worded = 0;

            var shown = ConfigFileCheck.Shown(errors, e => { worded++; return $"e{e}"; }, "f");

            var kept = Math.Min(count, ConfigFileCheck.MaxSyntaxErrors);
            return worded == kept
                && shown.Take(kept).SequenceEqual(errors.Take(kept).Select(e => $"e{e}"))
                && (count <= kept
                    ? shown.Count == count
                    : shown.Count == kept + 1
                        && shown[^1] == $"f: {count - kept} more syntax errors not shown; is it "
                            + "a TOML config file?");
        });

    [Fact]
    public void Only_a_file_over_a_mebibyte_is_too_large() =>
        Gen.Long[0, 4 * ConfigFileCheck.MaxBytes].Sample(bytes =>
            (ConfigFileCheck.SizeProblem("f", bytes) is null) == (bytes <= ConfigFileCheck.MaxBytes));

    [Fact]
    public void Only_text_with_a_nul_is_not_text() =>
        Gen.String.Sample(text =>
            (ConfigFileCheck.TextProblem("f", text) is null) == !text.Contains('\0'));
    [Fact]
    public void Only_a_config_that_group_or_others_can_read_is_warned_about() =>
        Gen.Int[0, 0x1FF].Sample(mode =>
        {
            var warning = ConfigFileCheck.AccessWarning("c.toml", mode);
            var readable = (mode & 0x24) != 0; // g+r or o+r
            return readable
                ? warning == $"c.toml: other users can read it (mode 0{Convert.ToString(mode, 8)
                    .PadLeft(3, '0')}) and it holds your keys or names them; chmod 600 c.toml"
                : warning is null;
        });
}
