namespace Menshen.Core.Config;

/// Shows enough of a secret to recognise it, never enough to use it.
public static class SecretMask
{
    /// Secrets shorter than this are masked completely.
    public const int MinimumRevealLength = 16;

    /// `sk-…abcd`: the first three and last four characters of a long secret; `…` for a short
    /// one; empty for an empty one (there is nothing to hide).
    public static string Mask(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length == 0)
        {
            return "";
        }

        return secret.Length < MinimumRevealLength ? "…" : $"{secret[..3]}…{secret[^4..]}";
    }
}
