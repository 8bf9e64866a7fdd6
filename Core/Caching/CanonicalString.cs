using System.Buffers;
using System.Globalization;
using System.Text;

namespace Menshen.Core.Caching;

/// Re-encodes a JSON string so that equal strings give equal bytes whatever escapes they used:
/// every character as raw UTF-8, except `"` and `\` (written `\"` and `\\`), control characters
/// (`\u00xx`) and lone surrogates (`\udxxx`), all escapes in lower-case hex. An unescaped token
/// is already in this form, so it is copied as is.
internal static class CanonicalString
{
    public static byte[] Encode(ReadOnlySpan<byte> raw, bool escaped)
    {
        var buffer = new ArrayBufferWriter<byte>(raw.Length + 2);
        Write(raw, escaped, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(ReadOnlySpan<byte> raw, bool escaped, IBufferWriter<byte> output)
    {
        output.Write("\""u8);
        if (escaped)
        {
            Unescape(raw, output);
        }
        else
        {
            output.Write(raw);
        }
        output.Write("\""u8);
    }

    // The reader has already checked every escape, so `\u` is always followed by four hex digits.
    private static void Unescape(ReadOnlySpan<byte> raw, IBufferWriter<byte> output)
    {
        while (!raw.IsEmpty)
        {
            var slash = raw.IndexOf((byte)'\\');
            if (slash < 0)
            {
                output.Write(raw);
                return;
            }
            output.Write(raw[..slash]);
            raw = raw[(slash + 1)..];
            raw = raw[0] == (byte)'u'
                ? WriteUnicodeEscape(raw, output)
                : WriteShortEscape(raw, output);
        }
    }

    private static ReadOnlySpan<byte> WriteShortEscape(
        ReadOnlySpan<byte> raw, IBufferWriter<byte> output)
    {
        var c = raw[0] switch
        {
            (byte)'b' => '\b',
            (byte)'f' => '\f',
            (byte)'n' => '\n',
            (byte)'r' => '\r',
            (byte)'t' => '\t',
            var other => (char)other, // `"`, `\` and `/` stand for themselves
        };
        WriteScalar(c, output);
        return raw[1..];
    }

    private static ReadOnlySpan<byte> WriteUnicodeEscape(
        ReadOnlySpan<byte> raw, IBufferWriter<byte> output)
    {
        var unit = Hex(raw[1..5]);
        raw = raw[5..];
        var next = raw is [(byte)'\\', (byte)'u', ..] ? Hex(raw[2..6]) : '\0';
        if (char.IsHighSurrogate(unit) && char.IsLowSurrogate(next))
        {
            WriteRune(new Rune(unit, next), output);
            return raw[6..];
        }
        if (char.IsSurrogate(unit))
        {
            WriteEscaped(unit, output);
            return raw;
        }
        WriteScalar(unit, output);
        return raw;
    }

    private static void WriteScalar(char c, IBufferWriter<byte> output)
    {
        switch (c)
        {
            case '"':
                output.Write("\\\""u8);
                break;
            case '\\':
                output.Write("\\\\"u8);
                break;
            case < ' ':
                WriteEscaped(c, output);
                break;
            default:
                WriteRune(new Rune(c), output);
                break;
        }
    }

    private static void WriteRune(Rune rune, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(4);
        output.Advance(rune.EncodeToUtf8(span));
    }

    private static void WriteEscaped(char unit, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(6);
        "\\u"u8.CopyTo(span);
        ((int)unit).TryFormat(span[2..], out _, "x4", CultureInfo.InvariantCulture);
        output.Advance(6);
    }

    private static char Hex(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var digit in digits[..4])
        {
            value = (value << 4) | (digit <= '9' ? digit - '0' : (digit | 0x20) - 'a' + 10);
        }
        return (char)value;
    }
}
