using Menshen.Core.Http;

namespace Menshen.Core.Tests;

public class TextDirectionTests
{
    // Every mark, embedding, override and isolate (a log line escapes each), and their
    // neighbours, which are none.
    [Fact]
    public void Is_exactly_the_explicit_direction_characters()
    {
        char[] marks = ['\u200E', '\u200F', '\u061C', '\u202A', '\u202B', '\u202C', '\u202D',
            '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];

        var actual = Enumerable.Range(0, 0x10000).Select(c => (char)c)
            .Where(TextDirection.Is).ToArray();

        Assert.Equal(marks.Order(), actual);
    }
}
