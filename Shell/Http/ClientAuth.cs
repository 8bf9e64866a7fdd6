using System.Security.Cryptography;
using System.Text;
using Menshen.Core.Config;

namespace Menshen.Shell.Http;

/// Gateway authentication. Secrets are compared as SHA-256 digests with a fixed-time comparison,
/// and every key is checked (no early exit), so timing says nothing about which token was close.
public sealed class ClientAuth
{
    public const string DefaultKeyName = AuthConfig.DefaultKeyName;
    private readonly bool _enabled;
    private readonly (string Name, byte[] Digest)[] _tokens;
    private readonly byte[] _basicDigest;

    public ClientAuth(AuthConfig auth)
    {
        _enabled = auth.Enabled;
        // Digests only when they will be compared: hashing is the gateway's only use of OpenSSL
        // at start-up, and loading it costs resident memory.
        _tokens = _enabled
            ? [(DefaultKeyName, Digest(auth.Token)),
                .. auth.Keys.Select(k => (k.Name, Digest(k.Token)))]
            : [];
        _basicDigest = _enabled ? Digest($"{auth.User}:{auth.Password}") : [];
    }

    public bool Enabled => _enabled;

    /// The name of the client key presented on a proxied route, or null when none matches.
    public string? AuthenticateApiKey(IHeaderDictionary headers)
    {
        var presented = PresentedToken(headers);
        if (presented is null) return null;
        var digest = Digest(presented);
        string? match = null;
        foreach (var (name, expected) in _tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, expected)) match ??= name;
        }
        return match;
    }

    /// True when the request presents Basic credentials at all, right or wrong.
    public static bool PresentsBasic(IHeaderDictionary headers)
    {
        string? value = headers.Authorization;
        return value is not null && value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);
    }

    /// True when the request carries the dashboard's Basic credentials.
    public bool AuthenticateDashboard(IHeaderDictionary headers)
    {
        if (!PresentsBasic(headers)) return false;
        string value = headers.Authorization!;
        try
        {
            var decoded = Convert.FromBase64String(value[6..].Trim());
            return CryptographicOperations.FixedTimeEquals(SHA256.HashData(decoded), _basicDigest);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string? PresentedToken(IHeaderDictionary headers)
    {
        string? authorization = headers.Authorization;
        if (authorization is not null
            && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return authorization[7..].Trim();
        string? xApiKey = headers["x-api-key"];
        if (!string.IsNullOrEmpty(xApiKey)) return xApiKey.Trim();
        string? apiKey = headers["api-key"];
        return string.IsNullOrEmpty(apiKey) ? null : apiKey.Trim();
    }

    private static byte[] Digest(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
