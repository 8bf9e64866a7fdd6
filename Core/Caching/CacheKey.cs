using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using LanguageExt;
using LanguageExt.Common;
using Menshen.Core.Routing;

namespace Menshen.Core.Caching;

public static class CacheKey
{
    // Bumped whenever the canonical form changes, so old entries simply stop matching.
    private static ReadOnlySpan<byte> Version => "menshen-cache-v2\n"u8;

    /// Lower-hex SHA-256 over the endpoint and the canonical form of the effective JSON body
    /// (see CanonicalJson). Fails on malformed JSON, a body that is not an object, a background
    /// Responses request (BackgroundJob), and passthrough requests (their bodies say nothing
    /// about the path they were sent to). A
    /// `scope` (CacheScope) is hashed in after the body; without one the key is as it always was.
    public static Fin<string> Compute(EndpointKind kind, ReadOnlySpan<byte> effectiveBody,
        string? scope = null)
    {
        var endpoint = EndpointName(kind);
        if (endpoint.IsEmpty)
        {
            return Error.New("cache: passthrough requests have no cache key");
        }
        if (kind == EndpointKind.Responses && BackgroundJob.Asked(effectiveBody))
            return Error.New("cache: a background response is a job, not an answer");
        var buffer = new ArrayBufferWriter<byte>(effectiveBody.Length + 64);
        buffer.Write(Version);
        buffer.Write(endpoint);
        buffer.Write("\n"u8);
        try
        {
            if (!CanonicalJson.TryWriteRequest(effectiveBody, buffer))
                return Fin<string>.Fail(Error.New("cache: request body is not a JSON object"));
            if (scope is not null)
            {
                buffer.Write("\nscope\n"u8);
                buffer.Write(System.Text.Encoding.UTF8.GetBytes(scope));
            }
            return Fin<string>.Succ(Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan)));
        }
        catch (JsonException e)
        {
            return Error.New($"cache: malformed JSON request body: {e.Message}");
        }
    }

    /// <see cref="Compute"/> for the request path, which only needs the key or its absence.
    public static string? Of(EndpointKind kind, ReadOnlySpan<byte> effectiveBody,
        string? scope = null) =>
        Compute(kind, effectiveBody, scope).Match(key => key, _ => (string?)null);

    private static ReadOnlySpan<byte> EndpointName(EndpointKind kind) => kind switch
    {
        EndpointKind.ChatCompletions => "chat/completions"u8,
        EndpointKind.Completions => "completions"u8,
        EndpointKind.Responses => "responses"u8,
        EndpointKind.ResponsesCompact => "responses/compact"u8,
        EndpointKind.Embeddings => "embeddings"u8,
        EndpointKind.Messages => "messages"u8,
        EndpointKind.MessagesCountTokens => "messages/count_tokens"u8,
        _ => [],
    };
}
