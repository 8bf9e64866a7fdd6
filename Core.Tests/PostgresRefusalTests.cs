using Menshen.Core.Audit;

namespace Menshen.Core.Tests;

public class PostgresRefusalTests
{
    // A login refused (helper-59) or a table or right missing waits in the spool; a value, a
    // constraint, a size or a trigger's exception (helper-60: P0001 stalled the whole spool)
    // is the row's, found row by row.
    [Theory]
    [InlineData("28P01", true)]
    [InlineData("28000", true)]
    [InlineData("53300", true)]
    [InlineData("57P01", true)]
    [InlineData("08006", true)]
    [InlineData("42P01", true)]
    [InlineData("42501", true)]
    [InlineData("25006", true)]
    [InlineData("3D000", true)]
    [InlineData("22021", false)]
    [InlineData("23505", false)]
    [InlineData("54000", false)]
    [InlineData("P0001", false)]
    [InlineData("XX000", false)]
    [InlineData("0A000", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsAboutTheDatabase_by_class(string? sqlState, bool expected) =>
        Assert.Equal(expected, PostgresRefusal.IsAboutTheDatabase(sqlState));

    [Theory]
    [InlineData("28P01", true)]
    [InlineData("3D000", true)]
    [InlineData("42501", false)]
    [InlineData("53300", false)]
    [InlineData(null, false)]
    public void RefusesTheLogin_by_class(string? sqlState, bool expected) =>
        Assert.Equal(expected, PostgresRefusal.RefusesTheLogin(sqlState));
}
