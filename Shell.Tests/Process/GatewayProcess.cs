using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Menshen.Shell.Hosting;

namespace Menshen.Shell.Tests.Process;

/// The real `ai-menshen` entry point in its own process (the JIT build next to the tests).
public sealed class GatewayProcess : IDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly System.Text.StringBuilder _output = new();
    private readonly System.Text.StringBuilder _errors = new();

    private GatewayProcess(System.Diagnostics.Process process, int port)
    {
        _process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (_output)
            {
                _output.AppendLine(e.Data);
                _errors.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    /// The gateway's own process id (a shell wrapper `exec`s it, keeping its id).
    public int ProcessId => _process.Id;
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// What the process wrote to stderr alone.
    public string Errors { get { lock (_output) return _errors.ToString(); } }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static Task<GatewayProcess> StartAsync(
        string configPath, int port, params string[] extraArgs) =>
        StartAsync(configPath, port, new Dictionary<string, string>(), extraArgs);

    /// With `environment` added to the process's environment (e.g. systemd's JOURNAL_STREAM).
    public static async Task<GatewayProcess> StartAsync(
        string configPath, int port, IReadOnlyDictionary<string, string> environment,
        params string[] extraArgs)
    {
        var dll = typeof(GatewayHost).Assembly.Location;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment) info.Environment[name] = value;
        foreach (var arg in (string[])[dll, "-config", configPath, .. extraArgs]) info.ArgumentList.Add(arg);
        var gateway = new GatewayProcess(System.Diagnostics.Process.Start(info)!, port);
        await gateway.WaitUntilServingAsync();
        return gateway;
    }

    /// A built binary (the released Native AOT one) in place of the JIT build.
    public static async Task<GatewayProcess> StartBinaryAsync(
        string binary, string configPath, int port)
    {
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-config", configPath]) info.ArgumentList.Add(arg);
        var gateway = new GatewayProcess(System.Diagnostics.Process.Start(info)!, port);
        await gateway.WaitUntilServingAsync();
        return gateway;
    }

    /// Runs the gateway until it exits by itself (a start that fails); its exit code and output.
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(string configPath,
        TimeSpan timeout)
    {
        var (exitCode, output, _) = await RunToExitWithErrorsAsync(configPath, timeout);
        return (exitCode, output);
    }

    /// As RunToExitAsync, with what went to stderr alone; `flags` follow `-config PATH`.
    public static async Task<(int ExitCode, string Output, string Errors)>
        RunToExitWithErrorsAsync(string configPath, TimeSpan timeout, params string[] flags)
    {
        var dll = typeof(GatewayHost).Assembly.Location;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[dll, "-config", configPath, .. flags]) info.ArgumentList.Add(arg);
        using var gateway = new GatewayProcess(System.Diagnostics.Process.Start(info)!, 0);
        var exitCode = await gateway.WaitForExitAsync(timeout);
        return (exitCode, gateway.Output, gateway.Errors);
    }

    /// Started by a shell with umask 000, as a careless service manager might.
    public static Task<GatewayProcess> StartUnderUmaskZeroAsync(string configPath, int port) =>
        StartUnderShellAsync("umask 000", configPath, port);

    /// Started by a shell that ran `prelude` first (`trap '' HUP`: as `nohup` does).
    public static async Task<GatewayProcess> StartUnderShellAsync(
        string prelude, string configPath, int port)
    {
        var dll = typeof(GatewayHost).Assembly.Location;
        var info = new ProcessStartInfo("sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var script = prelude + " && exec dotnet \"$0\" -config \"$1\"";
        foreach (var arg in (string[])["-c", script, dll, configPath]) info.ArgumentList.Add(arg);
        var gateway = new GatewayProcess(System.Diagnostics.Process.Start(info)!, port);
        await gateway.WaitUntilServingAsync();
        return gateway;
    }

    /// A built binary started by a shell that ran `prelude` first (`ulimit -Sn 256`).
    public static async Task<GatewayProcess> StartBinaryUnderShellAsync(
        string prelude, string binary, string configPath, int port)
    {
        var info = new ProcessStartInfo("sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var script = prelude + " && exec \"$0\" -config \"$1\"";
        foreach (var arg in (string[])["-c", script, binary, configPath]) info.ArgumentList.Add(arg);
        var gateway = new GatewayProcess(System.Diagnostics.Process.Start(info)!, port);
        await gateway.WaitUntilServingAsync();
        return gateway;
    }

    public void Signal(string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    private async Task WaitUntilServingAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        for (var i = 0; i < 200; i++)
        {
            if (_process.HasExited) throw new InvalidOperationException("gateway exited: " + Output);
            try
            {
                using var response = await client.GetAsync(new Uri(BaseAddress, "/healthz"));
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("gateway did not start: " + Output);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
