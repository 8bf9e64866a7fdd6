namespace Menshen.Shell.Upstream;

/// A provider without its own `proxy` that the environment's proxy carries, for start-up to say
/// so (that proxy was invisible before). `Proxy` is scheme://host:port: never a user or password.
public sealed record EnvironmentProxyUse(string Provider, string Proxy)
{
    public static EnvironmentProxyUse Of(string provider, Uri proxy) =>
        new(provider, $"{proxy.Scheme}://{proxy.Host}:{proxy.Port}");
}
