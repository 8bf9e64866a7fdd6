using System.Collections.Immutable;
using CsCheck;
using Menshen.Core.Config;

namespace Menshen.Core.Tests;

/// Config records print secrets masked: ToString (and so any log line or exception message that
/// shows a config value) never carries a key, token or password.
public class ConfigPrintingTests
{
    // A marker no other printed field contains, with enough random text to be a real secret.
    private static readonly Gen<string> Secret =
        Gen.String[Gen.Char.AlphaNumeric, 0, 40].Select(s => "SECRET" + s);

    [Fact]
    public void ProviderConfig_ToString_masks_the_key_and_header_values() =>
        Gen.Select(Secret, Secret).Sample((key, header) =>
        {
            var provider = new ProviderConfig("openai", new Uri("https://api.openai.com/v1"), key,
                [new HeaderValue("api-key", header)], "gpt-4o", 1, null);

            var printed = provider.ToString();

            return !printed.Contains("SECRET", StringComparison.Ordinal)
                && printed.Contains("openai", StringComparison.Ordinal);
        });

    [Fact]
    public void AuthConfig_ToString_masks_password_token_and_client_keys() =>
        Gen.Select(Secret, Secret, Secret).Sample((password, token, keyToken) =>
        {
            var auth = new AuthConfig(true, "admin", password, token,
                ImmutableArray.Create(new ClientKey("laptop", keyToken)));

            var printed = auth.ToString();

            return !printed.Contains("SECRET", StringComparison.Ordinal)
                && printed.Contains("laptop", StringComparison.Ordinal);
        });

    [Fact]
    public void ClientKey_ToString_masks_the_token() =>
        Secret.Sample(token =>
            !new ClientKey("ci", token).ToString().Contains("SECRET", StringComparison.Ordinal));
}
