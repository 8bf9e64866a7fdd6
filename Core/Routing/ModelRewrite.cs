using Menshen.Core.Config;

namespace Menshen.Core.Routing;

public static class ModelRewrite
{
    /// The model to write into the body sent to `provider`: its forced `model`, else the
    /// alias-resolved model when an alias renamed the client's, else none (the body is kept).
    public static string? For(ProviderConfig provider, string? requested, string? resolved)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return provider.Model ?? (resolved is not null && resolved != requested ? resolved : null);
    }
}
