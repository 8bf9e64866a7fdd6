namespace Menshen.Shell.Tests.Process;

public class SharedSqliteTests
{
    // Two gateways on one SQLite file handed out the same audit ids (an id is a microsecond and
    // a sequence, with no instance part) and lost 13 of 1,100 rows to the clash. The second
    // start now fails in one line that says what to do instead.
    [Fact]
    public async Task A_second_gateway_on_the_same_sqlite_file_refuses_to_start()
    {
        var folder = Directory.CreateTempSubdirectory("menshen-shared-").FullName;
        var database = Path.Combine(folder, "audit.db");
        string Config(int port) => $"""
            listen = "127.0.0.1:{port}"
            [[providers]]
            base_url = "http://127.0.0.1:9/v1"
            api_key = "sk-shared-test"
            [storage.sqlite]
            path = "{database}"
            """;
        var first = Path.Combine(folder, "first.toml");
        var second = Path.Combine(folder, "second.toml");
        var port = GatewayProcess.FreePort();
        await File.WriteAllTextAsync(first, Config(port));
        await File.WriteAllTextAsync(second, Config(GatewayProcess.FreePort()));
        using var running = await GatewayProcess.StartAsync(first, port);

        var (exitCode, output) = await GatewayProcess.RunToExitAsync(second,
            TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        Assert.Contains($"cannot open the audit database {database}: another ai-menshen uses it",
            output, StringComparison.Ordinal);
        Assert.Contains("backend = \"postgres\"", output, StringComparison.Ordinal);
        using var client = new HttpClient { BaseAddress = running.BaseAddress };
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }
    // helper-65: a path that is a folder, or lies under a file, said "The file '…' already
    // exists", which names no mistake.
    [Theory]
    [InlineData("folder")]
    [InlineData("under-a-file")]
    public async Task A_database_path_that_cannot_be_a_file_says_why(string shape)
    {
        var folder = Directory.CreateTempSubdirectory("menshen-dbpath-").FullName;
        var blocker = Path.Combine(folder, "blocker");
        string database, expected;
        if (shape == "folder")
        {
            Directory.CreateDirectory(blocker);
            (database, expected) = (blocker,
                $"{blocker} is a folder; the path names the database file in it");
        }
        else
        {
            await File.WriteAllTextAsync(blocker, "x");
            (database, expected) = (Path.Combine(blocker, "audit.db"),
                $"{blocker} is a file, not a folder");
        }
        var (exitCode, output) = await StartOnAsync(folder, database);

        Assert.Equal(1, exitCode);
        Assert.Contains($"cannot open the audit database {database}: {expected}", output,
            StringComparison.Ordinal);
    }

    // helper-68: a file from a newer ai-menshen was refused by an unhandled exception and a
    // SIGABRT (exit 134; a core dump on every restart under systemd).
    [Fact]
    public async Task A_database_from_a_newer_version_is_refused_in_one_line()
    {
        var folder = Directory.CreateTempSubdirectory("menshen-newer-").FullName;
        var database = Path.Combine(folder, "audit.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(
            $"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }
        var (exitCode, output) = await StartOnAsync(folder, database);

        Assert.Equal(1, exitCode);
        Assert.Contains($"cannot open the audit database {database}: audit database schema "
            + "version 99 is newer than this ai-menshen supports", output,
            StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }
    /// Starts a gateway whose config names `database`, and waits for it to exit.
    private static async Task<(int ExitCode, string Output)> StartOnAsync(string folder,
        string database)
    {
        var config = Path.Combine(folder, "config.toml");
        await File.WriteAllTextAsync(config, $"""
            listen = "127.0.0.1:{GatewayProcess.FreePort()}"
            [[providers]]
            base_url = "http://127.0.0.1:9/v1"
            api_key = "sk-start-test"
            [storage.sqlite]
            path = "{database}"
            """);
        return await GatewayProcess.RunToExitAsync(config, TimeSpan.FromSeconds(60));
    }
}
