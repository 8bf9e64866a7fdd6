using System.Collections.Immutable;

namespace Menshen.Core.Config.Raw;

/// One `[[providers]]` entry as written. Header values are not yet env-expanded.
public sealed record RawProvider(
    string? Name,
    string? BaseUrl,
    string? ApiKey,
    ImmutableArray<HeaderValue> Headers,
    string? Model,
    long? Weight,
    string? Proxy)
{
    public static RawProvider Empty { get; } = new(null, null, null, [], null, null, null);
}
