using CsCheck;
using Menshen.Core.Audit;

namespace Menshen.Core.Tests;

public class BodyPreviewTests
{
    [Fact]
    public void Of_marks_what_is_no_text_and_reads_only_text() =>
        BodyGens.AnyBytes.Sample(bytes =>
        {
            var read = false;

            var actual = BodyPreview.Of(new CapturedBody(bytes, bytes.Length + 7L), null, _ =>
            {
                read = true;
                return "read";
            });

            // The body is the start of a longer one (7 bytes more): a character cut at its end
            // is text (CharBoundary is held to its own oracle in BodyTextTests).
            var whole = bytes[..BodyText.CharBoundary(bytes, bytes.Length)];
            return BodyGens.IsText(whole)
                ? actual == "read" && read
                : actual == $"[binary, {bytes.Length + 7} bytes]" && !read;
        });

    [Fact]
    public void Of_a_medium_that_is_never_text_is_the_marker_of_its_whole_size()
    {
        var actual = BodyPreview.Of(new CapturedBody("ID3"u8.ToArray(), 8_388_608), "audio/mpeg",
            _ => "read");

        Assert.Equal("[binary, 8388608 bytes]", actual);
    }
}
