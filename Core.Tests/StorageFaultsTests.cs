using Menshen.Core.Audit;

namespace Menshen.Core.Tests;

public class StorageFaultsTests
{
    [Theory]
    [InlineData(5, true)]   // busy
    [InlineData(6, true)]   // locked
    [InlineData(8, true)]   // read-only
    [InlineData(10, true)]  // I/O error
    [InlineData(13, true)]  // full
    [InlineData(14, true)]  // cannot open
    [InlineData(19, false)] // constraint: the same rows fail the same way
    [InlineData(1, false)]
    public void Only_a_storage_that_may_recover_is_waited_for(int code, bool waits) =>
        Assert.Equal(waits, StorageFaults.WaitsForStorage(code));

    // helper-66: a read-only filesystem was logged "a full disk? free some space".
    [Theory]
    [InlineData(13, "the disk is full: free some space")]
    [InlineData(8, "the storage refuses writes: is the filesystem full, read-only or failing?")]
    [InlineData(10, "the storage refuses writes: is the filesystem full, read-only or failing?")]
    [InlineData(5, "another process holds the database's lock")]
    public void The_hint_names_what_to_look_at(int code, string hint) =>
        Assert.Equal(hint, StorageFaults.Hint(code));
}
