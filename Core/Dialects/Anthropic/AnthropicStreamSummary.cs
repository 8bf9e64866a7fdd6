namespace Menshen.Core.Dialects.Anthropic;

/// What a finished Messages API stream told us: the usage (last value per field), whether it is
/// complete (a `message_stop` arrived and no `error` event), and the first `error` event, if any.
public sealed record AnthropicStreamSummary(
    AnthropicUsage Usage, bool Complete, AnthropicStreamError? Error);
