namespace Menshen.Core.Dialects.Anthropic;

/// One reassembled content block of a Messages API stream: `text` (Text is the text) or
/// `tool_use` (Text is the input JSON as streamed, Name and Id the tool's), by stream index.
public sealed record AnthropicContentBlock(
    int Index, string Type, string Text, string? Name, string? Id);
