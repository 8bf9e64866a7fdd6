using LanguageExt;

namespace Menshen.Core.Usage;

/// What a finished SSE stream told us: the last usage seen (None when there was none) and whether
/// the stream reached its end marker (`data: [DONE]`, or `response.completed` for responses).
/// `ResponseId` is the `response.id` of a responses stream's `response.created` or
/// `response.completed` event (null when neither came). `Error` is the first error an event
/// reported after the 200 (SseErrorReader; null: none). `Finished`: an event said the answer
/// ended (UsageMarker.MarksFinish), end marker or not.
public sealed record SseSummary(
    Option<TokenUsage> Usage, bool Completed, string? ResponseId = null, string? Error = null,
    bool Finished = false);
