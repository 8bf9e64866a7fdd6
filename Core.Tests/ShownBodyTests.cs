using System.Text;
using CsCheck;
using Menshen.Core.Audit;

namespace Menshen.Core.Tests;

public class ShownBodyTests
{
    private static CapturedBody Stored(byte[] bytes, long? total = null) =>
        new(bytes, total ?? bytes.Length);

    [Fact]
    public void Of_text_is_the_longest_whole_text_within_the_cap() =>
        Gen.Select(BodyGens.TextBytes, Gen.Int[0, 120]).Sample((bytes, cap) =>
        {
            var actual = ShownBody.Of(Stored(bytes), "application/json", cap)!;

            var shown = Encoding.UTF8.GetBytes(actual.Text!);
            return !actual.Binary && actual.StoredBytes == bytes.Length
                && actual.TextTruncated == bytes.Length > cap
                && bytes.AsSpan().StartsWith(shown)
                && shown.Length == BodyText.CharBoundary(bytes, cap);
        });

    [Fact]
    public void Of_bytes_that_are_no_text_has_no_text_and_their_size() =>
        BodyGens.AnyBytes.Where(bytes => !BodyGens.IsText(bytes)).Sample(bytes =>
        {
            var actual = ShownBody.Of(Stored(bytes), null);

            return actual == new ShownBody(null, true, false, bytes.Length);
        });

    // helper-85: an 8 MiB mp3 came back as 32.6 MB of JSON, 3.5 million U+FFFD in it.
    [Fact]
    public void Of_an_8_mib_mp3_is_binary_without_text()
    {
        var mp3 = new byte[8 << 20];
        new Random(85).NextBytes(mp3);

        var actual = ShownBody.Of(Stored(mp3), "audio/mpeg");

        Assert.Equal(new ShownBody(null, true, false, 8 << 20), actual);
    }

    [Fact]
    public void Of_a_capture_cut_inside_a_character_ends_at_the_last_whole_one()
    {
        var cut = Encoding.UTF8.GetBytes("ab漢")[..4];

        var actual = ShownBody.Of(Stored(cut, total: 100), null);

        Assert.Equal(new ShownBody("ab", false, false, 4), actual);
    }

    [Fact]
    public void Of_a_declared_text_is_text_lossy_exactly_when_it_is_not_utf8() =>
        BodyGens.AnyBytes.Where(bytes => !bytes.Contains((byte)0)).Sample(bytes =>
        {
            var actual = ShownBody.Of(Stored(bytes), "text/event-stream")!;

            return !actual.Binary && actual.Text == Encoding.UTF8.GetString(bytes)
                && actual.Lossy == !System.Text.Unicode.Utf8.IsValid(bytes);
        });

    [Fact]
    public void Of_a_stream_with_one_bad_byte_shows_the_rest()
    {
        var actual = ShownBody.Of(Stored([.. "data: a"u8, 0xFF, .. "b\n\n"u8]),
            "text/event-stream");

        Assert.Equal(new ShownBody("data: a\uFFFDb\n\n", false, false, 11, Lossy: true), actual);
    }

    [Fact]
    public void Of_no_body_is_null()
    {
        var actual = ShownBody.Of(null, "audio/mpeg");

        Assert.Null(actual);
    }
}
