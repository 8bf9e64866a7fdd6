using System.Runtime.InteropServices;

namespace Menshen.Shell.Hosting;

/// A signal the gateway was started with ignored (`nohup` ignores SIGHUP; sh starts a background
/// job with SIGINT and SIGQUIT ignored): .NET keeps it ignored, so a reload or a stop would
/// silently never happen. ai-menshen (Go's signal.Notify) takes such a signal over, so the
/// drop-in does too: the default disposition first, then the runtime installs its handler when
/// one is registered, as it would have.
internal static class IgnoredSignals
{
    public const int Sighup = 1;
    public const int Sigint = 2;
    public const int Sigquit = 3;
    public const int Sigterm = 15;
    private const nint DefaultDisposition = 0; // SIG_DFL

    /// SIGINT, SIGQUIT and SIGTERM back to their default if ignored: first thing in Main, as the
    /// runtime installs its handlers for them only where it finds no SIG_IGN.
    public static void TakeBackStopSignals()
    {
        if (OperatingSystem.IsWindows()) return;
        foreach (var signal in (int[])[Sigint, Sigquit, Sigterm]) TakeBack(signal);
    }

    /// Back to the default disposition if `signal` (a Linux signal number) was ignored.
    public static void TakeBack(int signal)
    {
        if (IsIgnored(signal)) _ = Signal(signal, DefaultDisposition);
    }

    // Bit n-1 of the SigIgn mask in /proc/self/status is signal n (Linux; elsewhere: unknown,
    // false, and the disposition is left as it is).
    private static bool IsIgnored(int signal)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith("SigIgn:", StringComparison.Ordinal)) continue;
                return ulong.TryParse(line.AsSpan(7).Trim(),
                    System.Globalization.NumberStyles.HexNumber,
                    System.Globalization.CultureInfo.InvariantCulture, out var mask)
                    && (mask & (1UL << (signal - 1))) != 0;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // no procfs: leave the disposition as it is
        }
        return false;
    }

    [DllImport("libc", EntryPoint = "signal")]
    private static extern nint Signal(int signal, nint handler);
}
