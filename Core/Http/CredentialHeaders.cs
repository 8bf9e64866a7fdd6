namespace Menshen.Core.Http;

/// Header names that carry a credential.
public static class CredentialHeaders
{
    private static readonly string[] Words =
        ["auth", "key", "token", "secret", "password", "credential", "signature", "subscription",
            "cookie"];

    // The headers in which the model APIs themselves take their key.
    private static readonly string[] ProviderKeys =
        ["Authorization", "api-key", "x-api-key", "x-goog-api-key", "Ocp-Apim-Subscription-Key"];

    /// Whether a header a provider's `headers` set is its key to the model API: then the
    /// client's own key is not sent beside it (helper-62: a Gemini `x-goog-api-key`). Only
    /// these names: a gateway's or an observer's own credential (`Helicone-Auth`,
    /// `cf-aig-authorization`, `x-portkey-api-key`) goes with the client's key, not instead of
    /// it (helper-63).
    public static bool IsProviderKey(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var key in ProviderKeys)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// Whether a request header may carry a credential, by the words in its name:
    /// `Authorization`, `x-api-key`, Gemini's `x-goog-api-key`, Azure API Management's
    /// `Ocp-Apim-Subscription-Key`, `X-Amz-Security-Token`, `x-auth-token`, a `Cookie`. Every
    /// upstream names its own, so a fixed list missed some (helper-62): the cache of client-key
    /// passthrough was not split by them. A session id is not one (helper-63: Claude Code's
    /// `X-Claude-Code-Session-Id` split the cache by session).

    public static bool IsCredential(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        // A retry's identity, not a credential: the same request under two keys is two.
        if (name.Equals("Idempotency-Key", StringComparison.OrdinalIgnoreCase)) return false;
        foreach (var word in Words)
        {
            if (name.Contains(word, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
