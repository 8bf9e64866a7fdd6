using System.Globalization;

namespace Menshen.Core.Config.Document;

public sealed record ConfigFloat(double Value) : ConfigNode
{
    public override string Describe(bool reveal) =>
        reveal ? $"float {Value.ToString("R", CultureInfo.InvariantCulture)}" : "a float";
}
