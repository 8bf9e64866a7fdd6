using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class PassthroughRetryTests
{
    [Theory]
    [InlineData("GET", "/models", null, false, true)]
    [InlineData("get", "/models/", 0L, false, true)]
    [InlineData("HEAD", "/models/claude-sonnet-4-5", null, false, true)]
    [InlineData("GET", "/models", 12L, false, false)]
    [InlineData("GET", "/models", null, true, false)]
    [InlineData("POST", "/models", null, false, false)]
    [InlineData("DELETE", "/models/x", null, false, false)]
    // Resources of one account: another provider would say 404, and a poller believe it.
    [InlineData("GET", "/files/file-abc", null, false, false)]
    [InlineData("GET", "/messages/batches/msgbatch_01", null, false, false)]
    [InlineData("GET", "/responses/resp_1", null, false, false)]
    [InlineData("GET", "/models/Qwen/Qwen2.5-7B", null, false, true)]
    [InlineData("GET", "/modelsx", null, false, false)]
    public void Only_a_bodyless_read_of_the_model_list_is_sent_again(
        string method, string path, long? length, bool chunked, bool expected) =>
        Assert.Equal(expected, PassthroughRetry.MaySendAgain(
            PassthroughPolicy.IsPlainRead(method, length > 0 || chunked, overridesMethod: false),
            path));

    [Theory]
    [InlineData(null, false)]
    [InlineData(0L, false)]
    [InlineData(1L, true)]
    [InlineData((long)PassthroughRetry.KeptBodyBytes, true)]
    [InlineData(PassthroughRetry.KeptBodyBytes + 1L, false)]
    [InlineData(long.MaxValue, false)]
    public void Only_a_small_body_of_known_length_is_kept_to_send_again(
        long? length, bool expected) =>
        Assert.Equal(expected, PassthroughRetry.KeepsBody(length));
}
