using System.Text;
using CsCheck;

namespace Menshen.Core.Tests;

/// Bodies as stored: UTF-8 text of every sequence length, and bytes that are not all text.
internal static class BodyGens
{
    // Code points of one, two, three and four UTF-8 bytes; no NUL and no surrogate.
    private static readonly Gen<int> CodePoint = Gen.Frequency(
        (3, Gen.Int[1, 0x7F]), (2, Gen.Int[0x80, 0x7FF]), (2, Gen.Int[0x800, 0xD7FF]),
        (1, Gen.Int[0xE000, 0xFFFF]), (2, Gen.Int[0x10000, 0x10FFFF]));

    public static readonly Gen<string> Text = CodePoint.Array[0, 40]
        .Select(cps => string.Concat(cps.Select(cp => new Rune(cp).ToString())));

    public static readonly Gen<byte[]> TextBytes = Text.Select(Encoding.UTF8.GetBytes);

    /// Text with a few arbitrary bytes written over it, or arbitrary bytes: mostly not UTF-8.
    public static readonly Gen<byte[]> AnyBytes = Gen.Frequency(
        (2, Gen.Byte.Array[0, 60]),
        (3, Gen.Select(TextBytes, Gen.Select(Gen.Int[0, 1000], Gen.Byte).Array[1, 3],
            (text, damage) => Damage(text, damage))),
        (1, TextBytes));

    /// Exactly what a decoder that replaces bad bytes with U+FFFD gives back unchanged, and no NUL.
    public static bool IsText(byte[] bytes) =>
        !bytes.Contains((byte)0)
        && Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes)).AsSpan().SequenceEqual(bytes);

    private static byte[] Damage(byte[] text, (int At, byte Value)[] damage)
    {
        var bytes = (byte[])text.Clone();
        foreach (var (at, value) in damage)
            if (bytes.Length > 0) bytes[at % bytes.Length] = value;
        return bytes;
    }
}
