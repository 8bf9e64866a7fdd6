using Menshen.Core.Reports;

namespace Menshen.Core.Tests;

public class ZoneNamesTests
{
    [Theory]
    [InlineData("UTC", true)]
    [InlineData("Europe/Berlin", true)]
    [InlineData("America/Argentina/Buenos_Aires", true)]
    [InlineData("America/Port-au-Prince", true)]
    [InlineData("Etc/GMT+5", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("/etc/localtime", false)]
    [InlineData("../../etc/passwd", false)]
    [InlineData("Europe//Berlin", false)]
    [InlineData("Europe/Berlin/", false)]
    [InlineData("Europe/Berlin ", false)]
    [InlineData("Europe\\Berlin", false)]
    [InlineData("Europe/Berlin\0", false)]
    public void IsWellFormed_accepts_only_iana_shaped_names(string? name, bool expected)
    {
        var actual = ZoneNames.IsWellFormed(name);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void IsWellFormed_rejects_long_names()
    {
        var actual = ZoneNames.IsWellFormed(new string('a', ZoneNames.MaxLength + 1));

        Assert.False(actual);
    }

    // Mutation testing (helper-93): a name of exactly the longest length is still a name.
    [Fact]
    public void A_name_of_the_longest_length_is_well_formed() =>
        Assert.True(ZoneNames.IsWellFormed("Etc/" + new string('a', ZoneNames.MaxLength - 4)));
}
