using Menshen.Core.Audit;
using Menshen.Core.Dialects;

namespace Menshen.Core.Exchanges;

/// What relaying one upstream answer gave: its status and content type, the body as captured
/// (decoded, with the count of every decoded byte), the bytes relayed as they came (compressed
/// or not), how the relay ended, the usage read from it and when the first byte went out.
public sealed record RelayResult(
    int Status,
    string? ContentType,
    CapturedBody Body,
    long Bytes,
    RelayEnd End,
    UsageReading Usage,
    double TtfbMs);
