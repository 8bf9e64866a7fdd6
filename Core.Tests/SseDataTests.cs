using System.Text;
using Menshen.Core.Http;

namespace Menshen.Core.Tests;

// Mutation testing (helper-93): the `data` of one event as WHATWG reads it, whatever its line
// ends and whatever other fields stand around it.
public class SseDataTests
{
    [Theory]
    [InlineData("data: a\n\n", "a")]
    [InlineData("data:a", "a")]
    [InlineData("data:  a", " a")]
    [InlineData("data", "")]
    [InlineData("data:", "")]
    [InlineData("\ndata: a", "a")]
    [InlineData("event: x\r\ndata: a\r\nid: 1\r\n\r\n", "a")]
    [InlineData("event: x\rdata: a\rdata: b\r\r", "a\nb")]
    [InlineData("data: a\r\n\r\ndata: b\r\n", "a\nb")]
    [InlineData("data: a\ndata: b\ndata: c\n\n", "a\nb\nc")]
    [InlineData("data: a\ndata\ndata: c", "a\n\nc")]
    [InlineData("dataX: a\ndata: b\n", "b")]
    [InlineData("dat\ndata: b", "b")]
    [InlineData(": data: a\n\n", "")]
    [InlineData("event: x\n\n", "")]
    public void Of_joins_the_data_lines_of_an_event(string sseEvent, string expected) =>
        Assert.Equal(expected,
            Encoding.UTF8.GetString(SseData.Of(Encoding.UTF8.GetBytes(sseEvent))));
}
