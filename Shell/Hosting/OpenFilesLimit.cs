using System.Runtime.InteropServices;
using Menshen.Core.Network;

namespace Menshen.Shell.Hosting;

/// Raises the soft RLIMIT_NOFILE to the hard limit at start, as Go (since 1.19) and the JIT
/// runtime do and a Native AOT binary does not: under systemd's soft 1024, a hundred of 600
/// concurrent streams failed to open their upstream socket and were blamed on the providers.
internal static partial class OpenFilesLimit
{
    private const int LinuxNofile = 7;
    private const int MacNofile = 8;

    // macOS refuses a soft limit above OPEN_MAX (its hard limit is often "unlimited").
    private const ulong MacOpenMax = 10240;

    // struct rlimit: two rlim_t, a 64-bit unsigned integer on 64-bit Linux and on macOS.
    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceLimit
    {
        public ulong Soft;
        public ulong Hard;
    }

    /// The soft and hard limits after raising the soft one as far as allowed; null where they
    /// cannot be read (Windows, or the call failed).
    public static (ulong Soft, ulong Hard)? Raise()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return null;
        var resource = OperatingSystem.IsMacOS() ? MacNofile : LinuxNofile;
        if (GetLimit(resource, out var limit) != 0) return null;
        var ceiling = OperatingSystem.IsMacOS() ? MacOpenMax : ulong.MaxValue;
        var wanted = OpenFilesTarget.Raised(limit.Soft, limit.Hard, ceiling);
        if (wanted != limit.Soft)
        {
            var raised = limit with { Soft = wanted };
            // Refused (a sandbox, a seccomp filter): the limit stays as it was, and is reported.
            if (SetLimit(resource, in raised) == 0) limit = raised;
        }
        return (limit.Soft, limit.Hard);
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetLimit(int resource, out ResourceLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetLimit(int resource, in ResourceLimit limit);
}
