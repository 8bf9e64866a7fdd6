using System.Text;
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

    // helper-92: a config saved as GBK read as U+FFFD, and the TOML parser said "Invalid UTF-16
    // surrogate sequence". The line of the first byte that is not UTF-8 is named.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decode_names_the_line_of_text_that_is_not_utf8(bool bom)
    {
        var gbk = new byte[] { 0xC9, 0xCF, 0xBA, 0xA3 }; // 上海 in GBK
        var bytes = (bom ? new byte[] { 0xEF, 0xBB, 0xBF } : [])
            .Concat("[server]\nlisten = \":8080\"\nname = \""u8.ToArray()).Concat(gbk)
            .Concat("\"\n"u8.ToArray()).ToArray();

        var (text, problem) = ConfigFileCheck.Decode("c.toml", bytes);

        Assert.Null(text);
        Assert.StartsWith("c.toml:3: not UTF-8 text", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_reads_utf8_with_or_without_a_bom_and_utf16_and_utf32_with_one() =>
        Gen.String.Sample(text =>
        {
            // Lone surrogates dropped; NUL too (no TOML text holds one, and after a UTF-16
            // mark it would read as UTF-32's, as File.ReadAllText reads it).
            var valid = text.EnumerateRunes().Where(r => r.Value != 0).Aggregate(
                new StringBuilder(), (b, r) => b.Append(r.ToString())).ToString();
            byte[][] files =
            [
                Encoding.UTF8.GetBytes(valid),
                [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(valid)],
                [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(valid)],
                [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(valid)],
                [0xFF, 0xFE, 0, 0, .. Encoding.UTF32.GetBytes(valid)],
            ];
            return files.All(f => ConfigFileCheck.Decode("c.toml", f) == (valid, null));
        });
}
