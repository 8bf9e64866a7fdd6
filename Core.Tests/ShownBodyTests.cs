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
    public void Of_no_body_is_null()
    {
        var actual = ShownBody.Of(null, "audio/mpeg");

        Assert.Null(actual);
    }
}
