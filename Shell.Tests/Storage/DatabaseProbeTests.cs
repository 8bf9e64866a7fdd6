using Menshen.Shell.Storage;

namespace Menshen.Shell.Tests.Storage;

public class DatabaseProbeTests
{
    [Fact]
    public async Task A_file_another_process_holds_reads_as_not_writable_within_seconds()
    {
        using var temp = new TempDatabase();
        using var database = temp.Open();
        var probe = DatabaseProbe.Writable(database);
        Assert.True(await probe(CancellationToken.None));
        using var holder = temp.Raw();
        using (var hold = holder.CreateCommand())
        {
            hold.CommandText = "BEGIN EXCLUSIVE";
            hold.ExecuteNonQuery();
        }

        // Before: the connection's 30 s of retries on a busy file, so /healthz hung that long.
        var actual = await probe(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.False(actual);
        // The pooled connection the probe used keeps its own wait for everyone else.
        using var next = database.OpenConnection();
        using var read = next.CreateCommand();
        read.CommandText = "PRAGMA busy_timeout";
        Assert.Equal(5000L, read.ExecuteScalar());
    }

    // helper-77: the file deleted under a running gateway (rm of the data folder, a restore
    // gone wrong) kept every write going to the unlinked inode, /healthz said writable, the
    // stop said "0 failed", and the next start found an empty database.
    [Fact]
    public async Task A_file_removed_under_the_gateway_reads_as_not_writable()
    {
        using var temp = new TempDatabase();
        using var database = temp.Open();
        var probe = DatabaseProbe.Writable(database);
        Assert.True(await probe(CancellationToken.None));

        File.Delete(temp.FilePath);

        Assert.False(await probe(CancellationToken.None));
    }
}
