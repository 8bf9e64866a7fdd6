using Menshen.Core.Exchanges;
using Menshen.Core.Reports;

namespace Menshen.Core.Tests;

public class ReportDimensionsTests
{
    [Fact]
    public void NameOf_reads_the_field_each_dimension_groups_by()
    {
        var row = new ReportRow(0, "gpt-4o", "openai", "laptop", false, 200, ErrorClass.None, null, null, null, null, null, null, 1);

        var actual = ReportDimensions.All.Select(d => ReportDimensions.NameOf(row, d));

        Assert.Equal(["gpt-4o", "openai", "laptop"], actual);
    }

    [Fact]
    public void Stored_values_of_the_dimensions_do_not_change() =>
        Assert.Equal([0, 1, 2], ReportDimensions.All.Select(d => (int)d));
}
