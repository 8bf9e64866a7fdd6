using CsCheck;
using Menshen.Core.Http;

namespace Menshen.Core.Tests;

public class HeaderValueCheckTests
{
    [Fact]
    public void Visible_ascii_spaces_and_tabs_can_be_forwarded() =>
        Gen.String[Gen.Char[' ', '~'], 0, 40].Sample(value =>
            HeaderValueCheck.CanForward(value) && HeaderValueCheck.CanForward(value + "\t~"));

    [Theory]
    [InlineData("a\u007Fb")]
    [InlineData("a\rb")]
    [InlineData("caf\u00E9")]
    [InlineData("\u0000")]
    public void Anything_else_cannot(string value) =>
        Assert.False(HeaderValueCheck.CanForward(value));

    [Fact]
    public void No_value_can() => Assert.True(HeaderValueCheck.CanForward(null));
}
