using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Menshen.Core.Dialects.Anthropic;

/// Anthropic's Message Batches name where a batch's results are as an absolute URL on the
/// provider's host (`results_url`), and the SDKs follow it as it is: through the gateway, the
/// download went around it, straight to the provider with the gateway's client token (helper-85)
/// and unrecorded. Made a path under the client's own prefix, the SDKs resolve it against their
/// base URL, and the download comes through the gateway.
public static class BatchResultsUrl
{
    /// Whether an answer on this upstream path may carry a batch (create, retrieve, list,
    /// cancel), not the results themselves.
    public static bool MayCarry(string upstreamPath)
    {
        ArgumentNullException.ThrowIfNull(upstreamPath);
        var path = upstreamPath.TrimStart('/');
        return (path == "messages/batches" || path.StartsWith("messages/batches/",
                StringComparison.Ordinal))
            && !path.EndsWith("/results", StringComparison.Ordinal);
    }

    /// What the client put before the upstream path (`/v1/` for `/v1/messages/batches`), or
    /// null when its path does not end in the upstream one.
    public static string? ClientPrefix(string clientPath, string upstreamPath)
    {
        ArgumentNullException.ThrowIfNull(clientPath);
        ArgumentNullException.ThrowIfNull(upstreamPath);
        var upstream = upstreamPath.TrimStart('/');
        return clientPath.EndsWith(upstream, StringComparison.Ordinal)
            ? clientPath[..^upstream.Length] : null;
    }

    /// The provider's base URL as the start of the URLs it names, ending in `/`, no query.
    public static string UpstreamBase(Uri baseUrl) =>
        Routing.UpstreamUrl.Build(baseUrl, Routing.CanonicalPath.Root, "")
            .GetLeftPart(UriPartial.Path).TrimEnd('/') + "/";

    /// `body` with each `results_url` (of the root object and of a list's `data` items) that
    /// lies under `upstreamBase` (the provider's base URL, ending in `/`) rewritten as
    /// `clientPrefix` (the path the client put before the upstream path, ending in `/`) plus
    /// the rest; null when none does or the body is no JSON object.
    public static byte[]? Rewrite(ReadOnlySpan<byte> body, string upstreamBase,
        string clientPrefix)
    {
        ArgumentNullException.ThrowIfNull(upstreamBase);
        ArgumentNullException.ThrowIfNull(clientPrefix);
        try
        {
            if (JsonNode.Parse(body) is not JsonObject batch) return null;
            var changed = Relativise(batch, upstreamBase, clientPrefix);
            if (batch["data"] is JsonArray list)
            {
                foreach (var item in list)
                    if (item is JsonObject listed)
                        changed |= Relativise(listed, upstreamBase, clientPrefix);
            }
            if (!changed) return null;
            var output = new ArrayBufferWriter<byte>(body.Length);
            using (var writer = new Utf8JsonWriter(output))
                batch.WriteTo(writer);
            return output.WrittenSpan.ToArray();
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException
            or InvalidOperationException)
        {
            // Not JSON, or an object with a key twice: passed on as it came.
            return null;
        }
    }

    private static bool Relativise(JsonObject batch, string upstreamBase, string clientPrefix)
    {
        if (batch["results_url"] is not JsonValue value
            || !value.TryGetValue<string>(out var url)
            || !url.StartsWith(upstreamBase, StringComparison.Ordinal))
            return false;
        batch["results_url"] = clientPrefix + url[upstreamBase.Length..];
        return true;
    }
}
