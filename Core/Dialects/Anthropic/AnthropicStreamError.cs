namespace Menshen.Core.Dialects.Anthropic;

/// An `error` event inside a Messages API stream (after the 200): Anthropic's error type and
/// message, e.g. `overloaded_error` / "Overloaded". Either may be empty when the event omits it.
public sealed record AnthropicStreamError(string Type, string Message);
