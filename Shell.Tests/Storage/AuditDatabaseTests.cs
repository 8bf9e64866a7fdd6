using Menshen.Shell.Storage;
using static Menshen.Shell.Tests.Storage.SampleExchanges;

namespace Menshen.Shell.Tests.Storage;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class AuditDatabaseTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Open_creates_the_missing_folder_and_private_files()
    {
        await using var store = new StoreFixture();
        await store.WriteAllAsync(Small(IdAt(At)));

        var files = new[] { store.Temp.FilePath, store.Temp.FilePath + "-wal", store.Temp.FilePath + "-shm" };

        Assert.True(Directory.Exists(Path.GetDirectoryName(store.Temp.FilePath)));
        Assert.All(files, f => Assert.Equal(OwnerOnly, File.GetUnixFileMode(f)));
    }

    [Fact]
    public void Open_tightens_an_existing_world_readable_file()
    {
        using var temp = new TempDatabase();
        using (temp.Raw()) { }
        File.SetUnixFileMode(temp.FilePath, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        using var database = temp.Open();

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(temp.FilePath));
    }

    [Fact]
    public void Open_sets_schema_version_wal_and_incremental_vacuum()
    {
        using var temp = new TempDatabase();

        using var database = temp.Open();

        Assert.Equal(AuditDatabase.SchemaVersion, temp.Count("PRAGMA user_version"));
        Assert.Equal("wal", temp.Scalar("PRAGMA journal_mode"));
        Assert.Equal(2, temp.Count("PRAGMA auto_vacuum"));
        Assert.Equal(2, temp.Count("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('requests', 'bodies')"));
    }

    [Fact]
    public async Task Open_an_existing_file_keeps_its_rows_and_version()
    {
        using var temp = new TempDatabase();
        using (var first = temp.Open())
        {
            await using var writer = new AuditWriter(first, new AuditWriterOptions(), new ListLogger());
            await writer.SubmitAsync(Full(IdAt(At)), CancellationToken.None);
        }

        using var again = temp.Open();
        var actual = await new AuditReader(again).GetLogAsync(IdAt(At));

        Assert.NotNull(actual);
        Assert.Equal(1, temp.Count("SELECT COUNT(*) FROM requests"));
        Assert.Equal(AuditDatabase.SchemaVersion, temp.Count("PRAGMA user_version"));
    }

    [Fact]
    public void Open_a_file_from_a_newer_version_is_refused()
    {
        using var temp = new TempDatabase();
        temp.Scalar("PRAGMA user_version = 99");

        var actual = Assert.Throws<InvalidOperationException>(() => temp.Open());

        Assert.Contains("99", actual.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Connections_enforce_foreign_keys()
    {
        using var temp = new TempDatabase();
        using var database = temp.Open();
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_keys";

        var actual = command.ExecuteScalar();

        Assert.Equal(1L, actual);
    }
}
