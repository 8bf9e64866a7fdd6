using Menshen.Core.Http;

namespace Menshen.Core.Tests;

public class JsonMediaTypeTests
{
    [Theory]
    [InlineData("application/json", true)]
    [InlineData(" Application/JSON ; charset=utf-8", true)]
    [InlineData("application/problem+json", true)]
    [InlineData("application/vnd.api+json;v=1", true)]
    [InlineData("application/jsonl", false)]
    [InlineData("text/plain; note=application/json", false)]
    [InlineData("text/plain", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Is_json_by_media_type_before_its_parameters(string? contentType, bool expected) =>
        Assert.Equal(expected, JsonMediaType.Is(contentType));
}
