using System.Diagnostics;
using System.Text.Json;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Agents;

/// <summary>
/// Runs Claude Code headless (<c>claude -p PROMPT --output-format json</c>) against a base URL: a temp
/// HOME, telemetry, error reports and auto-update off, a hard timeout. `.ci/install-test-deps`
/// installs it into <c>.agents/claude-code</c>.
/// </summary>
public static class ClaudeCode
{
    public static string Binary { get; } = RepoFiles.PathOf(".agents/claude-code/node_modules/.bin/claude");

    /// <summary>The environment that puts Claude Code behind <paramref name="baseUrl"/> and nothing else.</summary>
    public static Dictionary<string, string> Environment(string home, Uri baseUrl, string token) => new()
    {
        ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
        ["HOME"] = home,
        ["ANTHROPIC_BASE_URL"] = baseUrl.ToString().TrimEnd('/'),
        ["ANTHROPIC_API_KEY"] = token,
        ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
        ["DISABLE_TELEMETRY"] = "1",
        ["DISABLE_AUTOUPDATER"] = "1",
        ["DISABLE_ERROR_REPORTING"] = "1",
    };

    /// <summary>Runs one prompt; returns the exit code, the parsed JSON result (if any) and stderr.</summary>
    public static async Task<(int ExitCode, JsonElement? Result, string Stderr)> RunAsync(
        Uri baseUrl, string token, string prompt, TimeSpan timeout)
    {
        Assert.True(File.Exists(Binary), $"Claude Code is not installed at {Binary}: run .ci/install-test-deps");
        var home = Directory.CreateTempSubdirectory("menshen-claude-home-").FullName;
        try
        {
            return await RunInAsync(home, baseUrl, token, prompt, timeout);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static async Task<(int, JsonElement?, string)> RunInAsync(
        string home, Uri baseUrl, string token, string prompt, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Binary)
        {
            WorkingDirectory = home,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in new[] { "-p", prompt, "--output-format", "json" })
            start.ArgumentList.Add(arg);
        start.Environment.Clear();
        foreach (var (name, value) in Environment(home, baseUrl, token))
            start.Environment[name] = value;
        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var expiry = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(expiry.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"claude -p did not finish within {timeout}: {await stderr}");
        }
        var output = (await stdout).Trim();
        JsonElement? result = output.StartsWith('{') ? JsonDocument.Parse(output).RootElement.Clone() : null;
        return (process.ExitCode, result, await stderr);
    }
}
