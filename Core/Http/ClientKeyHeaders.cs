namespace Menshen.Core.Http;

/// The client's request headers that key injection reads (KeyInjector), as values: the Shell
/// hands them over without a lookup closure made for every request.
public readonly record struct ClientKeyHeaders(
    string? Authorization, string? XApiKey, string? AnthropicVersion)
{
    /// The three read through a lookup by name (any case), as a dictionary of headers gives.
    public static ClientKeyHeaders From(Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return new(header("Authorization"), header("x-api-key"), header("anthropic-version"));
    }
}
