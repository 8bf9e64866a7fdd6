namespace Menshen.Core.Dialects;

/// The fold of an endpoint that spends nothing (Anthropic's `count_tokens`): no usage, ever.
public sealed record NoUsageFold : UsageFold
{
    public static readonly NoUsageFold Instance = new();

    private NoUsageFold()
    {
    }

    public override UsageFold Fold(ReadOnlySpan<byte> chunk) => this;

    public override StreamReading Finish() => new(null, Completed: true);
}
