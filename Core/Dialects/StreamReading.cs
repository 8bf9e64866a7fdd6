using Menshen.Core.Usage;

namespace Menshen.Core.Dialects;

/// What a finished stream said: its usage (null when none came) and whether it reached the
/// dialect's end marker (only a complete stream may be cached).
public sealed record StreamReading(TokenUsage? Usage, bool Completed);
