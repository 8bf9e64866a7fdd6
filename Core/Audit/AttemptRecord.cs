namespace Menshen.Core.Audit;

/// One try at one provider: its status (when it answered) or the error, and how long it took.
public sealed record AttemptRecord(string Provider, int? Status, string? Error, double DurationMs);
