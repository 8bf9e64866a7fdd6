namespace Menshen.StreamBench;

/// One stream: whether it ended properly (200 and a final [DONE]), its first body byte, its end.
public readonly record struct StreamOutcome(bool Ok, TimeSpan FirstByte, TimeSpan Total);
