namespace Menshen.Core.Routing;

/// Whether a passed-through request may go to the next provider when one fails. Only a request
/// without a body (its body streams to the upstream as it arrives, and is not kept to send
/// twice) for what every account of a provider kind answers alike: the model list and one model
/// (`GET /v1/models`, `/v1/models/{id}`). A file, a batch or a stored response belongs to the
/// account that made it: another provider would answer 404, and an SDK that polls it would take
/// that 404 for the resource gone, where the owner's 5xx was worth another try.
public static class PassthroughRetry
{
    /// `plainRead`: PassthroughPolicy.IsPlainRead (GET or HEAD, no body, no method override);
    /// `upstreamPath`: the path without its `/v1` prefix (EndpointRoute.UpstreamPath).
    public static bool MaySendAgain(bool plainRead, string upstreamPath)
    {
        ArgumentNullException.ThrowIfNull(upstreamPath);
        return plainRead && IsModelList(upstreamPath);
    }

    /// The largest passed-through body kept while it goes upstream, so that it can be sent
    /// again to the same provider when the connection it went on was closed under it (an idle
    /// keep-alive closed as the request arrived). JSON calls (a batch's or a vector store's
    /// create) are far smaller; uploads above it stream as they come and are not kept.
    public const int KeptBodyBytes = 64 * 1024;

    /// Whether a body of this declared length is kept (chunked bodies, of no known length,
    /// are not).
    public static bool KeepsBody(long? contentLength) =>
        contentLength is > 0 and <= KeptBodyBytes;

    /// `/models`, or one model below it, whose id may hold a `/` (`Qwen/Qwen2.5-7B` on vLLM and
    /// OpenRouter).
    public static bool IsModelList(string path)
    {
        var trimmed = path.TrimEnd('/');
        return trimmed == "/models"
            || (trimmed.StartsWith("/models/", StringComparison.Ordinal) && trimmed.Length > 8);
    }
}
