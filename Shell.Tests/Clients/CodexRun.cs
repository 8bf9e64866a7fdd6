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

    /// One `codex exec` signed in with ChatGPT instead of an API key (a made-up, unsigned
    /// token that expires tomorrow): how Codex sends its bodies zstd-compressed. ChatGPT's own
    /// connectors (`features.apps`) are off and its backend is a closed local port, so that it
    /// asks no host but `baseUrl` with that token.
    public static async Task<CodexRun> ExecSignedInWithChatGptAsync(Uri baseUrl, string prompt)
    {
        await EnsureInstalledAsync();
        var home = Directory.CreateTempSubdirectory("menshen-codex-").FullName;
        try
        {
            var info = Start(Path.Combine(Folder, "node_modules", ".bin", "codex"), home);
            info.Environment.Remove("OPENAI_API_KEY");
            await File.WriteAllTextAsync(Path.Combine(home, ".codex", "auth.json"),
                ChatGptAuth(DateTimeOffset.UtcNow));
            foreach (var arg in Arguments(baseUrl, home, prompt, resume: false,
                ["-c", "forced_login_method=\"chatgpt\"", "-c", "features.apps=false",
                    // Its account, plugin and settings calls: to a closed port, never to
                    // chatgpt.com with the made-up token (CI has a network).
                    "-c", "chatgpt_base_url=\"http://127.0.0.1:9/backend-api/\""]))
                info.ArgumentList.Add(arg);
            return await RunAsync(info, TimeSpan.FromSeconds(120));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    // Codex's auth.json for a ChatGPT sign-in: the tokens are JWTs it reads (not verifies).
    private static string ChatGptAuth(DateTimeOffset now)
    {
        static string Part(string json) => Convert.ToBase64String(
            System.Text.Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-')
            .Replace('/', '_');
        var claims = $$$"""
            {"exp":{{{now.AddDays(1).ToUnixTimeSeconds()}}},"email":"dev@example.com",
            "https://api.openai.com/auth":{"chatgpt_account_id":"acct-test",
            "chatgpt_plan_type":"plus","chatgpt_user_id":"user-test"}}
            """;
        const string Header = """{"alg":"none","typ":"JWT"}""";
        var jwt = $"{Part(Header)}.{Part(claims)}.c2ln";
        return $$$"""
            {"OPENAI_API_KEY":null,"tokens":{"id_token":"{{{jwt}}}","access_token":"{{{jwt}}}",
            "refresh_token":"rt-test","account_id":"acct-test"},
            "last_refresh":"{{{now.ToString("yyyy-MM-ddTHH:mm:ssZ",
                System.Globalization.CultureInfo.InvariantCulture)}}}"}
            """;
    }

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

    private static string[] Arguments(Uri baseUrl, string home, string prompt, bool resume,
        string[]? extra = null) =>
        ["exec", "--skip-git-repo-check", "-C", home,
            "-c", $"openai_base_url=\"{baseUrl.AbsoluteUri.TrimEnd('/')}\"",
            "-c", "analytics.enabled=false", "-c", "check_for_update_on_startup=false",
            "-c", "model=\"gpt-4o-mini\"", .. extra ?? [],
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
