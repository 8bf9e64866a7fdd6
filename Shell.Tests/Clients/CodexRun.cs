using System.Diagnostics;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Clients;

/// One headless `codex exec` run against a base URL: a throwaway HOME and CODEX_HOME, no
/// analytics, no update check, a hard timeout. Codex is installed into tools/codex-client by
/// `npm ci` when missing (the test fails if it cannot be).
public sealed record CodexRun(int ExitCode, string Output, TimeSpan Elapsed)
{
    private static readonly string Folder = RepoFiles.PathOf("tools/codex-client");
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static async Task<CodexRun> ExecAsync(Uri baseUrl, string prompt) =>
        (await SessionAsync(baseUrl, prompt))[0];

    /// One session of several turns: `codex exec` the first prompt, then `codex exec resume
    /// --last` each further prompt, in one HOME (the session's rollout is kept there between
    /// the runs). Stops at the first run that fails.
    public static async Task<IReadOnlyList<CodexRun>> SessionAsync(
        Uri baseUrl, params string[] prompts)
    {
        await EnsureInstalledAsync();
        var home = Directory.CreateTempSubdirectory("menshen-codex-").FullName;
        try
        {
            var runs = new List<CodexRun>();
            for (var i = 0; i < prompts.Length && (i == 0 || runs[^1].ExitCode == 0); i++)
            {
                var info = Start(Path.Combine(Folder, "node_modules", ".bin", "codex"), home);
                foreach (var arg in Arguments(baseUrl, home, prompts[i], resume: i > 0))
                    info.ArgumentList.Add(arg);
                runs.Add(await RunAsync(info, TimeSpan.FromSeconds(120)));
            }
            return runs;
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static string[] Arguments(Uri baseUrl, string home, string prompt, bool resume) =>
        ["exec", "--skip-git-repo-check", "-C", home,
            "-c", $"openai_base_url=\"{baseUrl.AbsoluteUri.TrimEnd('/')}\"",
            "-c", "analytics.enabled=false", "-c", "check_for_update_on_startup=false",
            "-c", "model=\"gpt-4o-mini\"",
            .. resume ? (string[])["resume", "--last"] : [], prompt];

    private static ProcessStartInfo Start(string file, string home)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        info.Environment["HOME"] = home;
        var codexHome = Directory.CreateDirectory(Path.Combine(home, ".codex"));
        info.Environment["CODEX_HOME"] = codexHome.FullName;
        info.Environment["OPENAI_API_KEY"] = "sk-codex-client";
        info.Environment["NO_COLOR"] = "1";
        info.Environment.Remove("OPENAI_BASE_URL");
        return info;
    }

    private static async Task<CodexRun> RunAsync(ProcessStartInfo info, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        using var process = System.Diagnostics.Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new CodexRun(process.ExitCode, await stdout + await stderr, elapsed);
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(Folder, "node_modules", ".bin", "codex"))) return;
            var npm = new ProcessStartInfo("npm")
            {
                WorkingDirectory = Folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
            };
            foreach (var arg in (string[])["ci", "--no-audit", "--no-fund"])
                npm.ArgumentList.Add(arg);
            var run = await RunAsync(npm, TimeSpan.FromMinutes(5));
            if (run.ExitCode != 0)
                throw new InvalidOperationException("npm ci for Codex failed: " + run.Output);
        }
        finally
        {
            InstallLock.Release();
        }
    }
}
