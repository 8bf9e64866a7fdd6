using CsCheck;
using Menshen.Core.Config;

namespace Menshen.Core.Tests;

public class SecretMaskTests
{
    [Theory]
    [InlineData("sk-proj-0123456789abcdWXYZ", "sk-…WXYZ")]
    [InlineData("short-token", "…")]
    [InlineData("", "")]
    public void Mask_examples(string secret, string expected) =>
        Assert.Equal(expected, SecretMask.Mask(secret));

    [Fact]
    public void Mask_never_contains_the_secret() =>
        Gen.String[1, 80].Sample(secret => !SecretMask.Mask(secret).Contains(secret, StringComparison.Ordinal));

    [Fact]
    public void Mask_reveals_at_most_seven_characters() =>
        Gen.String[0, 80].Sample(secret => SecretMask.Mask(secret).Replace("…", "", StringComparison.Ordinal).Length <= 7);
}
