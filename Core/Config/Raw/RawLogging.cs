namespace Menshen.Core.Config.Raw;

/// `[logging]` as written.
public sealed record RawLogging(bool? LogRequestBody, bool? LogResponseBody, long? MaxBodyBytes)
{
    public static RawLogging Empty { get; } = new(null, null, null);
}
