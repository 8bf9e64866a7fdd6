using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Menshen.Shell.Tests.Install;

/// A folder served over loopback HTTP by `python3 -m http.server` on a port the OS picks,
/// standing in for GitHub's release downloads (404 for what is not there, like GitHub).
public sealed partial class StaticServer : IDisposable
{
    private readonly System.Diagnostics.Process _process;

    private StaticServer(System.Diagnostics.Process process, int port)
    {
        _process = process;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public string BaseUrl { get; }

    public static async Task<StaticServer> StartAsync(string root)
    {
        var info = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] args =
            ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", root];
        foreach (var arg in args) info.ArgumentList.Add(arg);
        var process = System.Diagnostics.Process.Start(info)!;
        process.ErrorDataReceived += (_, _) => { }; // the request log; drained so it never blocks
        process.BeginErrorReadLine();

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
        {
            var match = ServingLine().Match(line);
            if (match.Success)
                return new StaticServer(process, int.Parse(match.Groups[1].Value, null));
        }
        process.Kill();
        process.Dispose();
        throw new InvalidOperationException("python3 -m http.server did not start");
    }

    [GeneratedRegex(@"^Serving HTTP on 127\.0\.0\.1 port (\d+)")]
    private static partial Regex ServingLine();

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }
}
