namespace Menshen.Shell.Tests.Storage;

/// `ai-menshen -rebuild-report-sums` through the real entry point: issue 20 listed that no tool
/// recomputed the report sums once rows were changed behind the writer's back.
public class RebuildSumsCommandTests
{
    [Fact]
    public async Task Sums_changed_by_hand_are_recomputed_from_the_rows()
    {
        string expected;
        string folder, file;
        await using (var store = new StoreFixture())
        {
            await store.WriteAllAsync([.. Enumerable.Range(0, 300).Select(ReportSumsTests.Varied)]);
            expected = ReportSumsTests.SumsOf(store.Temp);
            (folder, file) = (store.Temp.Folder, store.Temp.FilePath);
            using var connection = store.Temp.Raw();
            using var tamper = connection.CreateCommand();
            tamper.CommandText = "DELETE FROM report_groups; "
                + "UPDATE report_quarters SET requests = requests + 5;";
            tamper.ExecuteNonQuery();
            Assert.NotEqual(expected, ReportSumsTests.SumsOf(store.Temp));

            var (code, output) = await RunAsync(await ConfigAsync(folder, file));

            Assert.True(code == 0, output);
            Assert.Contains("report sums rebuilt from 300 stored requests", output,
                StringComparison.Ordinal);
            Assert.Equal(expected, ReportSumsTests.SumsOf(store.Temp));
        }
    }

    [Fact]
    public async Task A_missing_file_is_named_and_not_created()
    {
        using var temp = new TempDatabase();
        Directory.CreateDirectory(temp.Folder);

        var (code, output) = await RunAsync(await ConfigAsync(temp.Folder, temp.FilePath));

        Assert.Equal(1, code);
        Assert.Contains("no such file", output, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.FilePath));
    }

    /// helper-84: an older file was upgraded (migrations cannot be undone) and an empty file
    /// became a new database, by a command that says it only recomputes.
    [Fact]
    public async Task An_older_schema_or_an_empty_file_is_refused_and_left_as_it_is()
    {
        await using var store = new StoreFixture();
        await store.WriteAllAsync([.. Enumerable.Range(0, 3).Select(ReportSumsTests.Varied)]);
        store.Temp.Scalar("PRAGMA user_version = 10");
        var empty = Path.Combine(store.Temp.Folder, "empty.db");
        await File.WriteAllBytesAsync(empty, []);

        var older = await RunAsync(await ConfigAsync(store.Temp.Folder, store.Temp.FilePath));
        var blank = await RunAsync(await ConfigAsync(store.Temp.Folder, empty));

        Assert.Equal(1, older.Code);
        Assert.Contains("its schema is version 10", older.Output, StringComparison.Ordinal);
        Assert.Equal(10L, store.Temp.Scalar("PRAGMA user_version"));
        Assert.Equal(1, blank.Code);
        Assert.Contains("holds no audit database", blank.Output, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(empty).Length);
    }

    private static async Task<string> ConfigAsync(string folder, string file)
    {
        var path = Path.Combine(folder, "rebuild.toml");
        await File.WriteAllTextAsync(path, $"""
            [[providers]]
            base_url = "http://127.0.0.1:9/v1"
            [storage.sqlite]
            path = "{file}"
            """);
        return path;
    }

    private static async Task<(int Code, string Output)> RunAsync(string config)
    {
        var (code, output, errors) = await Process.GatewayProcess.RunToExitWithErrorsAsync(
            config, TimeSpan.FromSeconds(60), "-rebuild-report-sums");
        return (code, output + errors);
    }
}
