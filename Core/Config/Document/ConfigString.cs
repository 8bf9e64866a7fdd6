namespace Menshen.Core.Config.Document;

public sealed record ConfigString(string Value) : ConfigNode
{
    public override string Describe(bool reveal) => reveal ? $"string '{Value}'" : "a string";
}
