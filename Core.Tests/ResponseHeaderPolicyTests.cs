using CsCheck;
using Menshen.Core.Http;

namespace Menshen.Core.Tests;

public class ResponseHeaderPolicyTests
{
    [Fact]
    public void ShouldForward_never_forwards_hop_by_hop_headers() =>
        RoutingGens.HopByHopName.Sample(name => !ResponseHeaderPolicy.ShouldForward(name));

    [Fact]
    public void ShouldForward_forwards_end_to_end_headers() =>
        RoutingGens.EndToEndName.Sample(ResponseHeaderPolicy.ShouldForward);

    [Fact]
    public void ShouldForward_content_length_is_forwarded()
    {
        var actual = ResponseHeaderPolicy.ShouldForward("Content-Length");

        Assert.True(actual);
    }
}
