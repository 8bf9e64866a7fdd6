using Menshen.Core.Http;
using Menshen.Core.Routing;
using Menshen.Core.Usage;

namespace Menshen.Core.Dialects;

/// How the relay reads usage from one response: a stream with the dialect's stream fold, a JSON
/// body with its body fold, both as the bytes pass; a passthrough answer is never read.
public sealed record ResponseWatch(Dialect Dialect, EndpointKind Kind, bool IsStream)
{
    /// The watch for an answer of `contentType` from an endpoint of `kind`.
    public static ResponseWatch For(EndpointKind kind, string? contentType) =>
        new(DialectTable.Of(kind), kind, SseContent.Is(contentType));

    /// The fold to feed every chunk (decoded), or null when the body is not read.
    public UsageFold? StartFold() =>
        Kind == EndpointKind.Passthrough ? null
        : IsStream ? Dialect.StartStream(Kind)
        : Dialect.StartBody(Kind);

    /// The usage once the body ended, where it came from, whether a stream was complete, and
    /// the error an event inside it reported.
    public UsageReading Finish(UsageFold? fold)
    {
        if (fold is null) return UsageReading.Nothing;
        var read = fold.Finish();
        var source = read.Usage is null ? UsageSource.None
            : IsStream ? UsageSource.Stream
            : UsageSource.Body;
        return new UsageReading(
            read.Usage, source, read.Completed, read.ResponseId, read.Error, read.AnswerEnded);
    }
}
