using Menshen.Core.Reports;

namespace Menshen.Core.Tests;

public class ReportRoutesTests
{
    // Mutation testing (helper-93): each route answers under its documented name (SPEC §8).
    [Theory]
    [InlineData("summary", ReportRoute.Summary)]
    [InlineData("daily", ReportRoute.Daily)]
    [InlineData("models", ReportRoute.Models)]
    [InlineData("providers", ReportRoute.Providers)]
    [InlineData("keys", ReportRoute.Keys)]
    [InlineData("series", ReportRoute.Series)]
    [InlineData("logs", ReportRoute.Logs)]
    [InlineData("log", ReportRoute.Log)]
    public void Each_route_has_its_name(string name, ReportRoute route)
    {
        Assert.Equal(route, ReportRoutes.Parse(name));
        Assert.Equal(name, ReportRoutes.Name(route));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Summary")]
    [InlineData("provider")]
    public void Other_names_are_no_route(string name) => Assert.Null(ReportRoutes.Parse(name));
}
