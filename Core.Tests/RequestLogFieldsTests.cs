using Menshen.Core.Audit;
using Menshen.Core.Caching;
using Menshen.Core.Logging;

namespace Menshen.Core.Tests;

public class RequestLogFieldsTests
{
    // A failover was invisible in the log: only the provider that answered was named.
    [Fact]
    public void Tried_names_each_provider_and_outcome_only_after_a_failover()
    {
        AttemptRecord[] failover =
        [
            new("bad", 500, null, 3),
            new("slow", null, Routing.AttemptErrors.HeaderTimeout, 300),
            new("good", 200, null, 9),
        ];

        Assert.Equal(" tried=bad:500,slow:timeout,good:200", RequestLogFields.Tried([.. failover]));
        Assert.Equal("", RequestLogFields.Tried([new("good", 200, null, 9)]));
        Assert.Equal("", RequestLogFields.Tried([]));
        Assert.Equal("bad:500,slow:timeout,good:200", RequestLogFields.TriedList([.. failover]));
        Assert.Null(RequestLogFields.TriedList([new("good", 200, null, 9)]));
    }

    [Theory]
    [InlineData(CacheStatus.None, "-")]
    [InlineData(CacheStatus.Miss, "miss")]
    [InlineData(CacheStatus.Hit, "hit")]
    [InlineData(CacheStatus.Bypass, "bypass")]
    public void Cache_is_a_word_not_an_enum_name(CacheStatus status, string expected) =>
        Assert.Equal(expected, RequestLogFields.Cache(status));

    [Fact]
    public void Note_leaves_no_trailing_space_when_there_is_none()
    {
        Assert.Equal("", RequestLogFields.Note(null));
        Assert.Equal(" client_closed", RequestLogFields.Note("client_closed"));
        Assert.Equal(" a\\x1Bb", RequestLogFields.Note("a\u001bb"));
    }
}
