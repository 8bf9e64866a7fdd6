using LanguageExt;
using Menshen.Core.Routing;

namespace Menshen.Core.Usage;

public static class JsonUsage
{
    /// Reads the root `usage` object of a JSON body (for responses also `response.usage`), with the
    /// field names of `kind`. None when usage is absent, null, has no token counts, or the body is
    /// malformed; passthrough bodies are never read.
    public static Option<TokenUsage> Parse(ReadOnlySpan<byte> body, EndpointKind kind) =>
        UsageJsonReader.Scan(body, kind).Usage;
}
