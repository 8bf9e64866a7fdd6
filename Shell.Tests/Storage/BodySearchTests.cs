using System.IO.Compression;
using System.Text;
using CsCheck;

namespace Menshen.Shell.Tests.Storage;

/// The text search (`body_contains`) reads a compressed body a window at a time (helper-78: a
/// whole-body buffer per search kept the process ~250 MB larger after searching 20 MB bodies).
/// It must find exactly what a search of the whole decoded text finds, wherever the needle
/// lies, across a window's edge too, and in both encodings.
public sealed class BodySearchTests : IDisposable
{
    private const int Window = 64 * 1024;
    private readonly TempDatabase _temp = new();
    private readonly Menshen.Shell.Storage.AuditDatabase _database;
    private readonly Microsoft.Data.Sqlite.SqliteConnection _connection;

    public BodySearchTests()
    {
        _database = _temp.Open();
        _connection = _database.OpenConnection();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
        _temp.Dispose();
    }

    private static readonly Gen<string> Needle = Gen.OneOf(
        Gen.Const("needle"), Gen.Const("NeEdLe"), Gen.Const("x"), Gen.Const("日本語"),
        Gen.Const("ünï😀"), Gen.Const("a\"b"));

    [Fact]
    public void A_needle_anywhere_is_found_as_in_the_whole_text() =>
        Gen.Select(Needle, Gen.Int[0, 3 * Window], Gen.Bool, Gen.Bool).Sample(
            (needle, at, present, compressed) =>
            {
                var filler = new string('ä', 3 * Window / 2);
                var text = present ? filler[..(at / 2)] + needle.ToUpperInvariant() +
                    filler[(at / 2)..] : filler;
                var expected = text.Contains(needle, StringComparison.OrdinalIgnoreCase);

                return Search(text, needle, compressed) == expected;
            }, threads: 1); // one connection: CsCheck samples on every core by default

    [Theory]
    [InlineData(Window - 3)]
    [InlineData(Window - 1)]
    [InlineData(Window)]
    [InlineData(2 * Window - 2)]
    public void A_needle_across_a_window_edge_is_found(int at)
    {
        var text = new string('a', at) + "NEEDLE" + new string('b', Window);

        Assert.True(Search(text, "needle", compressed: true));
        Assert.True(Search(text, "needle", compressed: false));
        Assert.False(Search(text, "needles", compressed: true));
    }

    private bool Search(string text, string needle, bool compressed)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var stored = compressed ? Compress(bytes) : bytes;
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT body_contains($body, $encoding, $needle)";
        command.Parameters.AddWithValue("$body", stored);
        command.Parameters.AddWithValue("$encoding", compressed ? 1 : 0);
        command.Parameters.AddWithValue("$needle", needle);
        return Convert.ToInt64(command.ExecuteScalar(),
            System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    private static byte[] Compress(byte[] bytes)
    {
        var output = new byte[BrotliEncoder.GetMaxCompressedLength(bytes.Length)];
        Assert.True(BrotliEncoder.TryCompress(bytes, output, out var written, 4, 22));
        return output[..written];
    }
}
