using Menshen.Core.Audit;

namespace Menshen.Shell.Storage;

/// One audit row read back: the exchange as stored (bodies decompressed; `StartedAt` to the
/// millisecond; `CacheEligible` is the stored replay flag) and what was computed at write time.
public sealed record StoredLog(
    Exchange Exchange,
    string? RequestPreview,
    string? ResponsePreview,
    string? LegacyId);
