using Menshen.Core.Config;
using Menshen.Core.Dialects.Anthropic;
using Menshen.Core.Http;
using Menshen.Core.Routing;

namespace Menshen.Shell.Proxy;

/// A Message Batches answer's `results_url` made a path through the gateway (BatchResultsUrl):
/// the answer is read whole (a batch object is a few hundred bytes; past 1 MiB it goes on as
/// it came), rewritten, and relayed with its new length.
internal static class BatchResultsLinks
{
    private const int MaxBody = 1024 * 1024;

    public static async Task RewriteAsync(HttpContext context, AttemptResult attempt,
        ProviderConfig provider, CanonicalPath upstreamPath)
    {
        if (attempt.Response is not { } response || provider.Api != ProviderApi.Anthropic
            || (int)response.StatusCode != 200 || !BatchResultsUrl.MayCarry(upstreamPath.Value)
            || response.Content.Headers.ContentEncoding.Count > 0
            || !JsonMediaType.Is(response.Content.Headers.ContentType?.MediaType)
            || BatchResultsUrl.ClientPrefix(context.Request.Path.Value ?? "",
                upstreamPath.Value) is not { } prefix)
            return;
        var upstreamBody = attempt.Body!;
        var read = new MemoryStream();
        read.Write(attempt.Buffer, 0, attempt.FirstCount);
        int count;
        while (read.Length <= MaxBody
            && (count = await ResponseRelay.ReadAsync(upstreamBody, attempt.Buffer,
                attempt.Timer)) > 0)
            read.Write(attempt.Buffer, 0, count);
        if (read.Length > MaxBody)
        {
            // The bytes read so far, then the rest: the upstream's body is read on, not closed.
            read.Position = 0;
            await attempt.ReplaceBodyAsync(new ConcatenatedStream(read, upstreamBody), null);
            return;
        }
        upstreamBody.Dispose();
        var bytes = BatchResultsUrl.Rewrite(read.GetBuffer().AsSpan(0, (int)read.Length),
            BatchResultsUrl.UpstreamBase(provider.BaseUrl), prefix) ?? read.ToArray();
        await attempt.ReplaceBodyAsync(new MemoryStream(bytes, writable: false), bytes.Length);
    }

    // The bytes read so far, then the rest of the upstream body.
    private sealed class ConcatenatedStream(Stream first, Stream second) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = first.Read(buffer, offset, count);
            return read > 0 ? read : second.Read(buffer, offset, count);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer,
            CancellationToken cancellationToken = default)
        {
            var read = await first.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : await second.ReadAsync(buffer, cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count,
            CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                first.Dispose();
                second.Dispose();
            }
            base.Dispose(disposing);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) =>
            throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) =>
            throw new NotSupportedException();
    }
}
