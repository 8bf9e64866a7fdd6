using Menshen.Core.Audit;
using Menshen.Core.Http;
using Menshen.Core.Routing;

namespace Menshen.Core.Dialects;

/// How the relay reads usage from one response: a stream is folded as it passes, a JSON body is
/// read from its capture when whole, a passthrough answer is never read.
public sealed record ResponseWatch(Dialect Dialect, EndpointKind Kind, bool IsStream)
{
    /// The watch for an answer of `contentType` from an endpoint of `kind`.
    public static ResponseWatch For(EndpointKind kind, string? contentType) =>
        new(DialectTable.Of(kind), kind, SseContent.Is(contentType));

    /// The fold to feed every chunk, or null when the body is not a watched stream.
    public UsageFold? StartFold() =>
        IsStream && Kind != EndpointKind.Passthrough ? Dialect.StartStream(Kind) : null;

    /// The usage once the body ended: from the fold when there was one, else from the capture.
    public UsageReading Finish(UsageFold? fold, CapturedBody capture)
    {
        ArgumentNullException.ThrowIfNull(capture);
        if (fold is not null)
        {
            var read = fold.Finish();
            return new UsageReading(read.Usage,
                read.Usage is null ? Usage.UsageSource.None : Usage.UsageSource.Stream, read.Completed);
        }
        if (Kind == EndpointKind.Passthrough || capture.Truncated) return UsageReading.Nothing;
        var usage = Dialect.ReadUsage(capture.Bytes.Span, Kind);
        return new UsageReading(usage, usage is null ? Usage.UsageSource.None : Usage.UsageSource.Body,
            true);
    }
}
