using System.Buffers.Binary;
using System.Text;

namespace Menshen.Shell.Tests.Install;

/// The two facts of a 64-bit little-endian ELF file the release tests check: its type (2, a
/// position-dependent executable; 3, a shared object or PIE) and its section names.
internal sealed record ElfImage(int Type, IReadOnlyList<string> Sections)
{
    public const int Executable = 2;

    public static ElfImage Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 64 || !bytes.AsSpan(0, 4).SequenceEqual("\u007fELF"u8) || bytes[4] != 2)
            throw new InvalidDataException($"{path} is not a 64-bit ELF file");
        var type = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(16));
        var headers = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(0x28));
        var size = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x3A));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x3C));
        var namesIndex = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x3E));
        var names = (int)Field(bytes, headers + namesIndex * size, 0x18);
        var sections = Enumerable.Range(0, count)
            .Select(i => NameAt(bytes, names + BinaryPrimitives.ReadInt32LittleEndian(
                bytes.AsSpan(headers + i * size))))
            .ToArray();
        return new ElfImage(type, sections);
    }

    private static ulong Field(byte[] bytes, int header, int offset) =>
        BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(header + offset));

    private static string NameAt(byte[] bytes, int start) =>
        Encoding.ASCII.GetString(bytes, start, Array.IndexOf(bytes, (byte)0, start) - start);
}
