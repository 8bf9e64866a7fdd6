namespace Menshen.Core.Dialects;

/// A dialect's stream fold: `Fold` for every chunk as it passes, `Finish` when the stream ends.
/// Immutable: `Fold` returns the next fold and leaves this one as it was. The result must not
/// depend on where the stream was cut into chunks.
public abstract record UsageFold
{
    public abstract UsageFold Fold(ReadOnlySpan<byte> chunk);

    /// The id of the response read so far (a `responses` answer's `id`), null until it has
    /// passed or when the dialect has none. Read after each chunk: it may become known mid-body.
    public virtual string? ResponseId => null;

    public abstract StreamReading Finish();
}
