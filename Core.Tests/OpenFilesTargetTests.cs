using CsCheck;
using Menshen.Core.Network;

namespace Menshen.Core.Tests;

public class OpenFilesTargetTests
{
    [Theory]
    [InlineData(1024UL, 524288UL, ulong.MaxValue, 524288UL)] // systemd's defaults
    [InlineData(256UL, ulong.MaxValue, 10240UL, 10240UL)]    // macOS: unlimited hard, OPEN_MAX
    [InlineData(4096UL, 4096UL, ulong.MaxValue, 4096UL)]     // already at the hard limit
    public void Raised_is_the_hard_limit_under_the_ceiling(
        ulong soft, ulong hard, ulong ceiling, ulong expected) =>
        Assert.Equal(expected, OpenFilesTarget.Raised(soft, hard, ceiling));

    [Fact]
    public void Raised_never_lowers_the_soft_limit() =>
        Gen.Select(Gen.ULong, Gen.ULong, Gen.ULong).Sample((soft, hard, ceiling) =>
            OpenFilesTarget.Raised(soft, hard, ceiling) >= soft);

    [Theory]
    [InlineData(1024UL, true)]
    [InlineData(4095UL, true)]
    [InlineData(4096UL, false)]
    public void IsLow_below_4096(ulong soft, bool expected) =>
        Assert.Equal(expected, OpenFilesTarget.IsLow(soft));
}
