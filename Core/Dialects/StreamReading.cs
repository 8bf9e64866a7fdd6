using Menshen.Core.Usage;

namespace Menshen.Core.Dialects;

/// What a finished stream said: its usage (null when none came), whether it reached the
/// dialect's end marker (only a complete stream may be cached) and the response id it carried.
public sealed record StreamReading(TokenUsage? Usage, bool Completed, string? ResponseId = null);
