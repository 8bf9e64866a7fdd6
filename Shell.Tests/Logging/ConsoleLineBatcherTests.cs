using System.Text;
using Menshen.Shell.Logging;

namespace Menshen.Shell.Tests.Logging;

public sealed class ConsoleLineBatcherTests
{
    [Fact]
    public async Task A_console_that_does_not_keep_up_costs_lines_not_waits_and_the_loss_is_told()
    {
        var stdout = new StalledStream();
        var stderr = new MemoryStream();
        var queue = new ConsoleLineBatcher(4, stdout, stderr, TimeSpan.Zero);
        queue.Enqueue("first\n", toError: false);
        await stdout.WriteEntered.WaitAsync(TimeSpan.FromSeconds(10)); // the writer holds "first"

        // Four fit in the queue; seven more find it full. None may wait for the console.
        var enqueue = Task.Run(() =>
        {
            for (var i = 0; i < 11; i++) queue.Enqueue($"line {i}\n", toError: false);
        });
        await enqueue.WaitAsync(TimeSpan.FromSeconds(10));

        stdout.Release();
        queue.Dispose();
        Assert.Equal("first\nline 0\nline 1\nline 2\nline 3\n", stdout.Text);
        Assert.Equal("ai-menshen: 7 log line(s) dropped: the console did not keep up\n",
            Encoding.UTF8.GetString(stderr.ToArray()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(60_000)] // Dispose does not wait out the gathering
    public void Lines_within_the_capacity_are_all_written_in_order(int gatherMs)
    {
        var gather = TimeSpan.FromMilliseconds(gatherMs);
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var queue = new ConsoleLineBatcher(1000, stdout, stderr, gather);
        var expected = new StringBuilder();
        for (var i = 0; i < 500; i++)
        {
            queue.Enqueue($"line {i}\n", toError: i % 10 == 0);
            if (i % 10 != 0) expected.Append($"line {i}\n");
        }
        queue.Dispose();
        Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.DoesNotContain("dropped", Encoding.UTF8.GetString(stderr.ToArray()));
    }

    /// A console whose first write blocks until released (a paused terminal).
    private sealed class StalledStream : Stream
    {
        private readonly ManualResetEventSlim _released = new();
        private readonly MemoryStream _written = new();
        private readonly TaskCompletionSource _entered =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task WriteEntered => _entered.Task;
        public string Text => Encoding.UTF8.GetString(_written.ToArray());
        public void Release() => _released.Set();

        public override void Write(byte[] buffer, int offset, int count)
        {
            _entered.TrySetResult();
            _released.Wait(TimeSpan.FromSeconds(30));
            lock (_written) _written.Write(buffer, offset, count);
        }

        public override void Flush() { }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
        public override int Read(byte[] buffer, int offset, int count) =>
            throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) =>
            throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
