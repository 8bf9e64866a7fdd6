namespace Menshen.Simulator.Replies.Messages;

/// <summary>
/// A Messages API reply: the common parts, the optional tool call, and, when set, the number of frames
/// after which a stream ends with an <c>error</c> event instead of going on.
/// </summary>
internal sealed record MessagesContext(ReplyContext Common, ToolCall? Tool, int? ErrorAfter)
{
    public string MessageId => "msg_" + Common.IdSuffix;

    public string StopReason => Tool is null ? "end_turn" : "tool_use";
}
