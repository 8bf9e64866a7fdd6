namespace Menshen.Core.Network;

/// What start-up asks of RLIMIT_NOFILE. Every stream holds two descriptors (the client's socket
/// and the upstream's), so systemd's soft 1024 failed a hundred of 600 concurrent streams.
public static class OpenFilesTarget
{
    /// Below this soft limit, start-up warns: a team's concurrent streams may run out.
    public const ulong Comfortable = 4096;

    /// The soft limit to set: the hard limit, no higher than `ceiling` (what the system takes for
    /// one process: macOS refuses more than OPEN_MAX), and never lower than the current soft.
    public static ulong Raised(ulong soft, ulong hard, ulong ceiling) =>
        Math.Max(soft, Math.Min(hard, ceiling));

    /// Whether a soft limit of `soft` descriptors is worth a warning.
    public static bool IsLow(ulong soft) => soft < Comfortable;
}
