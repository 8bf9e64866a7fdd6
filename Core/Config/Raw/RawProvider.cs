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

    /// `models` as written; an item of the wrong type is null so later items keep their index.
    public ImmutableArray<string?>? Models { get; init; }

    public long? Priority { get; init; }

    public string? Api { get; init; }
}
