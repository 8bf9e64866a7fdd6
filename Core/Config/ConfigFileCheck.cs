using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Menshen.Core.Config;

/// What a config file must be before its TOML is read: text of a config's size. A wrong file
/// given to -config (the database, the binary itself) made the parser report one error per
/// token: 83,451 lines for a 96 KB database, and for the 35 MB binary 20 GB of memory and an
/// OutOfMemoryException; on SIGHUP a running gateway logged 1.17 million lines (helper-65).
public static class ConfigFileCheck
{
    /// Far above any real config (a thousand providers fit in a tenth of it).
    public const long MaxBytes = 1024 * 1024;

    /// The syntax errors shown; the rest are counted in one more line.
    public const int MaxSyntaxErrors = 20;

    public static string? SizeProblem(string source, long bytes) =>
        bytes > MaxBytes
            ? $"{source}: {bytes} bytes is too large for a config file (at most 1 MiB); is it "
                + "the right file?"
            : null;

    /// The file's text: UTF-8, or UTF-16 or UTF-32 with a byte-order mark (as File.ReadAllText
    /// reads them), or the problem. TOML is UTF-8; bytes that are not (a file saved as GBK,
    /// Shift-JIS or a Windows "ANSI" code page) are named with their line, where before they
    /// became U+FFFD and the TOML parser's "Invalid UTF-16 surrogate sequence" (helper-92).
    public static (string? Text, string? Problem) Decode(string source, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var span = bytes.AsSpan();
        if (span.StartsWith(new byte[] { 0xFF, 0xFE, 0, 0 }))
            return (Encoding.UTF32.GetString(bytes, 4, bytes.Length - 4), null);
        if (span.StartsWith(new byte[] { 0xFF, 0xFE }))
            return (Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2), null);
        if (span.StartsWith(new byte[] { 0xFE, 0xFF }))
            return (Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2), null);
        var start = span.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) ? 3 : 0;
        var chars = new char[bytes.Length - start];
        // A bad sequence, or one cut by the file's end: `read` is where it starts.
        if (Utf8.ToUtf16(span[start..], chars, out var read, out var written,
            replaceInvalidSequences: false) == OperationStatus.Done)
            return (new string(chars, 0, written), null);
        var line = span[..(start + read)].Count((byte)'\n') + 1;
        return (null, $"{source}:{line}: not UTF-8 text (TOML is UTF-8); was it saved as "
            + "GBK, Shift-JIS or another \"ANSI\" code page? Save it as UTF-8");
    }

    /// NUL never occurs in TOML text (UTF-16 files are decoded before this).
    public static string? TextProblem(string source, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains('\0', StringComparison.Ordinal)
            ? $"{source}: holds NUL characters, so it is not a TOML text file; is it the right "
                + "file?"
            : null;
    }

    /// A warning when users other than the owner may read the config (`mode`, the Unix
    /// permission bits): it holds provider keys, the dashboard password and client tokens, or
    /// says where they come from (helper-68: made as the docs said, it was 0644).
    public static string? AccessWarning(string source, int mode) =>
        (mode & 0b000_100_100) == 0
            ? null
            : $"{source}: other users can read it (mode {Convert.ToString(mode & 0x1FF, 8)
                .PadLeft(4, '0')}) and it holds your keys or names them; chmod 600 {source}";

    /// The first <see cref="MaxSyntaxErrors"/> errors as `text` words them (only those are
    /// worded), then how many more there were.
    public static IReadOnlyList<string> Shown<T>(
        IReadOnlyList<T> errors, Func<T, string> text, string source)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var shown = errors.Take(MaxSyntaxErrors).Select(text).ToList();
        if (errors.Count > MaxSyntaxErrors)
        {
            shown.Add($"{source}: {errors.Count - MaxSyntaxErrors} more syntax errors not shown; "
                + "is it a TOML config file?");
        }
        return shown;
    }
}
