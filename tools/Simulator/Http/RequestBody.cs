using System.Buffers;

namespace Menshen.Simulator.Http;

/// <summary>Reads a whole request body into one array.</summary>
internal static class RequestBody
{
    public static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            if (read.IsCompleted || read.IsCanceled)
            {
                var body = read.Buffer.ToArray();
                reader.AdvanceTo(read.Buffer.End);
                return body;
            }
            // Consume nothing yet: the next read returns the whole body so far plus what arrived.
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }
}
