using System.Text;
using CsCheck;
using Menshen.Core.Audit;

namespace Menshen.Core.Tests;

public class BodyTextTests
{
    [Fact]
    public void IsBinary_agrees_with_a_lossless_utf8_round_trip() =>
        BodyGens.AnyBytes.Sample(bytes =>
            BodyText.IsBinary(bytes, null, cut: false) == !BodyGens.IsText(bytes), iter: 3000);

    [Fact]
    public void IsBinary_is_false_for_any_text() =>
        BodyGens.TextBytes.Sample(bytes => !BodyText.IsBinary(bytes, "text/plain", cut: false));

    // A capture cap cuts wherever it falls, in the middle of a character too.
    [Fact]
    public void IsBinary_is_false_for_any_cut_of_text_marked_cut() =>
        Gen.Select(BodyGens.TextBytes, Gen.Int[0, 200]).Sample((bytes, at) =>
            !BodyText.IsBinary(bytes.AsSpan(0, Math.Min(at, bytes.Length)), null, cut: true));

    [Fact]
    public void CharBoundary_is_the_longest_whole_text_within_the_limit() =>
        Gen.Select(BodyGens.TextBytes, Gen.Int[0, 200]).Sample((bytes, max) =>
        {
            var actual = BodyText.CharBoundary(bytes, max);

            var limit = Math.Min(max, bytes.Length);
            return actual <= limit && actual > limit - 4 && BodyGens.IsText(bytes[..actual])
                && Enumerable.Range(actual + 1, limit - actual)
                    .All(n => !BodyGens.IsText(bytes[..n]));
        });

    [Theory]
    [InlineData("audio/mpeg")]
    [InlineData("Audio/MPEG; charset=binary")]
    [InlineData("image/png")]
    [InlineData("video/mp4")]
    [InlineData("font/woff2")]
    [InlineData("application/pdf")]
    [InlineData("application/zip")]
    [InlineData("application/gzip")]
    public void IsBinary_of_a_medium_that_is_never_text_is_true_for_ascii_bytes(string type)
    {
        var actual = BodyText.IsBinary("ID3 plain ascii"u8, type, cut: false);

        Assert.True(actual);
    }

    // A file download is application/octet-stream whatever it holds; a JSONL batch file is text.
    [Theory]
    [InlineData(null)]
    [InlineData("application/octet-stream")]
    [InlineData("application/json")]
    [InlineData("text/event-stream")]
    [InlineData("image/svg+xml")]
    [InlineData("multipart/form-data; boundary=x")]
    public void IsBinary_of_utf8_text_is_false_unless_the_medium_never_is_text(string? type)
    {
        var actual = BodyText.IsBinary(Encoding.UTF8.GetBytes("{\"a\":\"é 漢 😀\"}\n"), type, cut: false);

        Assert.False(actual);
    }

    // helper-92: one bad byte in a stream made the whole answer "binary" in the detail. A
    // declared text stays text; bytes of no declared medium are still judged by their own.
    [Theory]
    [InlineData("text/event-stream", false)]
    [InlineData("application/json; charset=utf-8", false)]
    [InlineData("application/problem+json", false)]
    [InlineData("text/plain", false)]
    [InlineData("application/x-ndjson", false)]
    [InlineData(null, true)]
    [InlineData("application/octet-stream", true)]
    public void IsBinary_of_a_bad_byte_in_a_declared_text_is_false(string? type, bool expected)
    {
        byte[] stream = [.. "data: {\"x\":\"a"u8, 0xFF, .. "b\"}\n\n"u8];

        var actual = BodyText.IsBinary(stream, type, cut: false);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void IsBinary_of_a_nul_byte_is_true()
    {
        var actual = BodyText.IsBinary("RIFF\0\0\0\0WAVE"u8, null, cut: false);

        Assert.True(actual);
    }
}
