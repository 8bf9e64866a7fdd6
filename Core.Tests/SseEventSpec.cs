using System.Collections.Immutable;
using LanguageExt;
using Menshen.Core.Usage;

namespace Menshen.Core.Tests;

/// One SSE event as a test writes it, with what a correct parser must learn from it:
/// the usage it carries (None when none, or when it is malformed) and whether it ends the stream.
public sealed record SseEventSpec(
    string? Name,
    ImmutableArray<string> DataLines,
    Option<TokenUsage> Usage,
    bool Terminal);
