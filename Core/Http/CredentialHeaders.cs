namespace Menshen.Core.Http;

/// Header names that carry a credential, by the words in them: `Authorization`, `x-api-key`,
/// Azure's `api-key`, Gemini's `x-goog-api-key`, Azure API Management's
/// `Ocp-Apim-Subscription-Key`, `X-Amz-Security-Token`, `x-auth-token`, a `Cookie`. Every
/// upstream names its own, so a fixed list missed some (helper-62): the cache of client-key
/// passthrough was not split by them, and a provider whose `headers` set one still got the
/// client's key.
public static class CredentialHeaders
{
    private static readonly string[] Words =
        ["auth", "key", "token", "secret", "password", "credential", "session", "signature",
            "subscription", "cookie"];

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
