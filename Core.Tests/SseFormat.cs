namespace Menshen.Core.Tests;

/// How a stream is framed: the line ending, `data: x` or `data:x`, keep-alive comments and ids.
public sealed record SseFormat(string Newline, bool SpaceAfterColon, bool Comments, bool Ids);
