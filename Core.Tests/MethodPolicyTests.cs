using Menshen.Core.Http;

namespace Menshen.Core.Tests;

public class MethodPolicyTests
{
    // Mutation testing (helper-93): every method the 405 lists as allowed is forwarded (DELETE
    // of a file, PATCH of an assistant), in upper case only.
    [Fact]
    public void Every_listed_method_is_proxied_and_its_lower_case_is_not() =>
        Assert.All(MethodPolicy.Allowed.Split(", "), method =>
        {
            Assert.True(MethodPolicy.IsProxied(method));
            Assert.False(MethodPolicy.IsProxied(method.ToLowerInvariant()));
        });

    [Theory]
    [InlineData("GET", true)]
    [InlineData("head", true)]
    [InlineData("POST", false)]
    [InlineData("DELETE", false)]
    public void Only_get_and_head_are_reads(string method, bool expected) =>
        Assert.Equal(expected, MethodPolicy.IsRead(method));
}
