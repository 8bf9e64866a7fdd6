using System.Globalization;

namespace Menshen.Core.Config.Document;

public sealed record ConfigInteger(long Value) : ConfigNode
{
    public override string Describe(bool reveal) =>
        reveal ? $"integer {Value.ToString(CultureInfo.InvariantCulture)}" : "an integer";
}
