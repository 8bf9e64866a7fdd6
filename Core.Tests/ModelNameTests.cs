using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class ModelNameTests
{
    [Theory]
    [InlineData(ModelName.MaxLength - 1, false)]
    [InlineData(ModelName.MaxLength, false)]
    [InlineData(ModelName.MaxLength + 1, true)]
    public void A_model_of_exactly_the_limit_is_kept_one_more_is_too_long(int length, bool tooLong)
    {
        var model = new string('m', length);

        Assert.Equal(tooLong, ModelName.IsTooLong(model));
        Assert.Equal(tooLong ? model[..ModelName.MaxLength] + "…" : model,
            ModelName.ForRecord(model));
    }
}
