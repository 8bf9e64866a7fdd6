using Menshen.Core.Exchanges;
using Menshen.Core.Reports;

namespace Menshen.Core.Tests;

public class ReportRowTests
{
    // Mutation testing (helper-93): the latency percentiles count upstream answers only: not a
    // cache hit, not the gateway's own refusal (no provider), but an imported answer.
    [Theory]
    [InlineData(true, "openai", 200, false)]
    [InlineData(false, null, 401, false)]
    [InlineData(false, null, 400, false)]
    [InlineData(false, null, 200, true)]
    [InlineData(false, "openai", 500, true)]
    [InlineData(false, "openai", 200, true)]
    public void CountsForLatency_only_upstream_answers(bool hit, string? provider, int status,
        bool expected)
    {
        var row = new ReportRow(0, "m", provider, null, hit, status, ErrorClass.None, null, null,
            null, null, null, null, 12);

        Assert.Equal(expected, row.CountsForLatency);
    }
}
