using System.Diagnostics;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Install;

/// One finished child process: its exit code and everything it wrote.
public sealed record ProcessRun(int ExitCode, string Out, string Err)
{
    /// Runs `file args` in the repository root (or `workDir`); `env` adds variables, a null value
    /// removes one. Killed with its children and reported as a timeout after `timeout`.
    public static async Task<ProcessRun> Of(string file, IEnumerable<string> args,
        IReadOnlyDictionary<string, string?>? env = null, string? workDir = null,
        TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workDir ?? RepoFiles.Root,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (name, value) in env ?? new Dictionary<string, string?>())
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in time");
        }
        return new ProcessRun(process.ExitCode, await stdout, await stderr);
    }

    /// Non-empty lines of stderr.
    public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Err}";
}
