namespace Menshen.Core.Config.Document;

public sealed record ConfigBool(bool Value) : ConfigNode
{
    public override string Describe(bool reveal) =>
        reveal ? $"boolean {(Value ? "true" : "false")}" : "a boolean";
}
