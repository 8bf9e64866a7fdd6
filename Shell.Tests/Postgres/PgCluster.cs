using System.Diagnostics;
using Npgsql;

namespace Menshen.Shell.Tests.Postgres;

/// A throwaway PostgreSQL cluster from Debian's `postgresql` package: `initdb` into a temp
/// folder and `pg_ctl` on a free loopback port, run as an unprivileged user (the server refuses
/// root), stopped and removed afterwards. Each test asks for a database of its own.
public sealed class PgCluster : IAsyncLifetime
{
    private const string SystemUser = "menshen-pg";
    private readonly string _folder = Directory.CreateTempSubdirectory("menshen-pg-").FullName;

    public int Port { get; } = Process.GatewayProcess.FreePort();

    private string Data => Path.Combine(_folder, "data");

    public async Task InitializeAsync()
    {
        var bin = Bin();
        if (IsRoot())
        {
            if (await RunAsync("id", ["-u", SystemUser], check: false) != 0)
                await RunAsync("useradd", ["--system", "--no-create-home", SystemUser]);
            await RunAsync("chown", ["-R", SystemUser, _folder]);
        }
        await AsUserAsync(Path.Combine(bin, "initdb"), "-D", Data, "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--locale=C", "--no-sync");
        await StartAsync();
    }

    /// Starts (again) the server on its port.
    public Task StartAsync() => AsUserAsync(Path.Combine(Bin(), "pg_ctl"), "-D", Data, "-w",
        "-t", "60", "-l", Path.Combine(_folder, "server.log"), "-o",
        $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off " +
        "-c max_connections=300", "start");

    /// Stops the server at once (clients see their connections drop), as an outage would.
    public Task StopAsync() => AsUserAsync(Path.Combine(Bin(), "pg_ctl"), "-D", Data, "-w",
        "-m", "immediate", "stop");

    /// Freezes the server and every backend (SIGSTOP) until the result is disposed (SIGCONT):
    /// a database that hangs rather than refuses, as a host gone or a partition looks.
    public async Task<IAsyncDisposable> HangAsync()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(Data, "postmaster.pid")).First(),
            System.Globalization.CultureInfo.InvariantCulture);
        var pids = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && ParentOf(pid) == postmaster)
            .Append(postmaster).Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
        await RunAsync("kill", ["-STOP", .. pids], check: false);
        return new Resume(pids);
    }

    private static int ParentOf(int pid)
    {
        try
        {
            // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so after ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0; // gone meanwhile
        }
    }

    private sealed class Resume(string[] pids) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() =>
            await RunAsync("kill", ["-CONT", .. pids], check: false);
    }

    /// A new empty database; returns its postgres:// URL.
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "menshen_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(
            $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false");
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return $"postgres://postgres@127.0.0.1:{Port}/{name}";
    }

    public async Task DisposeAsync()
    {
        try
        {
            await AsUserAsync(Path.Combine(Bin(), "pg_ctl"), "-D", Data, "-m", "immediate", "stop");
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }
        NpgsqlConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static string Bin() =>
        (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [])
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => d, StringComparer.Ordinal)
            .FirstOrDefault()
        ?? throw new InvalidOperationException(
            "PostgreSQL server binaries not found under /usr/lib/postgresql: install Debian's " +
            "`postgresql` package (.ci/install-test-deps does)");

    private static bool IsRoot() => Environment.UserName == "root";

    private static Task<int> AsUserAsync(string program, params string[] args) => IsRoot()
        ? RunAsync("runuser", ["-u", SystemUser, "--", program, .. args])
        : RunAsync(program, args);

    private static async Task<int> RunAsync(string program, string[] args, bool check = true)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/tmp",
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (check && process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', args)} exited {process.ExitCode}: {await output}{await error}");
        return process.ExitCode;
    }
}

[CollectionDefinition("postgres")]
public sealed class PgClusterGroup : ICollectionFixture<PgCluster>;
