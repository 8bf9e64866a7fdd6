namespace Menshen.Core.Reports;

/// Audit ids in `[Low, High)`, holding at most `Rows` rows (by the running sums' count).
public readonly record struct LogSlice(long Low, long High, long Rows);
