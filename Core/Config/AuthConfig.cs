using System.Collections.Immutable;

namespace Menshen.Core.Config;

/// Gateway auth: Basic auth for the dashboard, bearer tokens for proxied routes.
public sealed partial record AuthConfig(
    bool Enabled,
    string User,
    string Password,
    string Token,
    ImmutableArray<ClientKey> Keys)
{
    /// The name `token` is recorded under (the audit's key, the cache's scope when unshared).
    public const string DefaultKeyName = "default";

    public static AuthConfig Disabled { get; } = new(false, "", "", "", []);
}

/// A named client token; the name is recorded with each request.
public sealed partial record ClientKey(string Name, string Token);
