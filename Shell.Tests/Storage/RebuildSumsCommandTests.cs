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
        var info = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])[typeof(Hosting.GatewayHost).Assembly.Location,
            "-config", config, "-rebuild-report-sums"])
            info.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
