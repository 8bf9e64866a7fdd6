using CsCheck;
using Menshen.Shell.Taps;

namespace Menshen.Shell.Tests.Taps;

/// The capture keeps exactly the first `cap` bytes of a body however it arrives in chunks, counts
/// every byte, and gives the same body when asked twice, whether the Content-Length it was told
/// was right, wrong (a decoded compressed body is longer) or absent (a stream, pooled buffers).
public class BodyCaptureTests
{
    private static readonly Gen<(byte[] Body, int[] Cuts, int Cap, int? Expected)> Case =
        Gen.Byte.Array[0, 20_000].SelectMany(body => Gen.Select(
            Gen.Int[0, body.Length].Array[0, 12],
            Gen.OneOf(Gen.Const(0), Gen.Int[1, 25_000]),
            Gen.OneOf(Gen.Const((int?)null), Gen.Int[1, 25_000].Select(n => (int?)n),
                Gen.Const((int?)body.Length)),
            (cuts, cap, expected) => (body, cuts, cap, expected)));

    [Fact]
    public void Keeps_the_first_cap_bytes_of_any_chunking() =>
        Case.Sample(c =>
        {
            var capture = new BodyCapture(enabled: true, c.Cap, c.Expected);
            var at = 0;
            foreach (var cut in c.Cuts.Order().Append(c.Body.Length))
            {
                capture.OnChunk(c.Body.AsSpan(at, cut - at));
                at = cut;
            }

            var first = capture.ToCaptured()!;
            var second = capture.ToCaptured()!;

            var kept = c.Cap > 0 ? Math.Min(c.Cap, c.Body.Length) : c.Body.Length;
            return first.Bytes.Span.SequenceEqual(c.Body.AsSpan(0, kept))
                && second.Bytes.Span.SequenceEqual(first.Bytes.Span)
                && first.TotalBytes == c.Body.Length
                && capture.Truncated == (kept < c.Body.Length);
        });

    [Fact]
    public void Counts_without_keeping_when_capture_is_off()
    {
        var capture = new BodyCapture(enabled: false, 0);
        capture.OnChunk(new byte[300]);

        Assert.Null(capture.ToCaptured());
        Assert.Equal(300, capture.TotalBytes);
    }
}
