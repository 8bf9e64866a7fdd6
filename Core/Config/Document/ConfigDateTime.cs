namespace Menshen.Core.Config.Document;

/// A TOML date or time; no key takes one, so only its text is kept for messages.
public sealed record ConfigDateTime(string Text) : ConfigNode
{
    public override string Describe(bool reveal) => reveal ? $"date-time {Text}" : "a date-time";
}
