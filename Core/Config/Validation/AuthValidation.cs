using System.Collections.Immutable;
using LanguageExt;
using LanguageExt.Common;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Config.Validation;

/// `[auth]`: checked only when enabled, so placeholder values in a disabled section do no harm.
internal static class AuthValidation
{
    public static Validation<Error,
        AuthConfig> Validate(RawAuth raw, IReadOnlyDictionary<string, string> env) =>
        raw.Enable != true
            ? AuthConfig.Disabled
            : (Checks.NonEmpty("auth.user", raw.User ?? "",
                "a user name for the dashboard when auth.enable = true"),
               Checks.Expanded("auth.password", raw.Password, "", env)
                   .Bind(v => Checks.NonEmpty("auth.password", v,
                       "a dashboard password when auth.enable = true"))
                   .Bind(v => Checks.NoControlCharacters("auth.password", v))
                   .Bind(v => NotExamplePlaceholder("auth.password", v,
                       "set MENSHEN_PASSWORD or write a password of your own")),
               Secret("auth.token", raw.Token, "an API token for clients when auth.enable = true",
               env).Bind(v => NotExamplePlaceholder("auth.token", v,
                   "set MENSHEN_TOKEN or write a token of your own")),
               raw.Keys.Select((k, i) => Key(k, $"auth.keys[{i}]", env)).ToSeq().Sequence(),
               KeyNamesAreUnique(raw.Keys))
                .Apply((user, password, token, keys, _) =>
                    new AuthConfig(true, user, password, token, keys.ToImmutableArray()))
                .Bind(TokensAreDistinct);

    // -gen-config writes `${MENSHEN_PASSWORD:-change-me}`: with auth on and the variable unset,
    // the placeholder would be the live credential. Either placeholder, in any credential; and
    // those of ai-menshen's example config, which its users bring along (helper-65).
    private static readonly string[] ExamplePlaceholders =
        ["change-me", "sk-menshen-change-me", "your-password-here", "sk-your-proxy-token"];

    private static Validation<Error, string> NotExamplePlaceholder(string key, string value,
        string advice) =>
        ExamplePlaceholders.Contains(value, StringComparer.Ordinal)
            ? ConfigError.At(key, "is an example config's placeholder, known to anyone who has "
                + $"read it; {advice}")
            : Prelude.Success<Error, string>(value);

    private static Validation<Error, string> Secret(
        string key, string? value, string expected, IReadOnlyDictionary<string, string> env) =>
        Checks.Expanded(key, value, "", env).Bind(v => Checks.NonEmpty(key, v, expected))
            .Bind(v => Checks.HeaderSafe(key, v))
            .Bind(v => Checks.NoSurroundingBlanks(key, v));

    private static Validation<Error,
        ClientKey> Key(RawClientKey raw, string path, IReadOnlyDictionary<string, string> env) =>
        (Checks.NonEmpty($"{path}.name", raw.Name ?? "", "a name to record with each request")
            .Bind(name => Checks.ShownName($"{path}.name", name)),
         Secret($"{path}.token", raw.Token, "a client token", env)
            .Bind(v => NotExamplePlaceholder($"{path}.token", v,
                "write a token of your own")))
            .Apply((name, token) => new ClientKey(name, token));

    // `default` names `[auth] token` in the audit and, with `[cache] shared = false`, its cache:
    // a key of that name would share both with the main token.
    private static Validation<Error, Unit> KeyNamesAreUnique(ImmutableArray<RawClientKey> keys) =>
        keys.Select((k, i) => (k.Name, Index: i))
            .Where(k => k.Name == AuthConfig.DefaultKeyName)
            .Select(k => Prelude.Fail<Error, Unit>(ConfigError.At($"auth.keys[{k.Index}].name",
                $"'{AuthConfig.DefaultKeyName}' is the name of [auth] token; choose another")))
            .Concat(UniqueNames(keys))
            .ToSeq()
            .Sequence()
            .Map(_ => Prelude.unit);

    private static IEnumerable<Validation<Error, Unit>> UniqueNames(
        ImmutableArray<RawClientKey> keys) =>
        keys.Select((k, i) => (k.Name, Index: i))
            .Where(k => !string.IsNullOrWhiteSpace(k.Name))
            .Select(k => (k.Name, k.Index,
                Earlier: keys.Take(k.Index).ToList().FindIndex(e => e.Name == k.Name)))
            .Where(k => k.Earlier >= 0)
            .Select(k => Prelude.Fail<Error, Unit>(ConfigError.At(
                $"auth.keys[{k.Index}].name",
                $"duplicate name '{k.Name}', already used by auth.keys[{k.Earlier}].name; names " +
                $"must be unique")));

    // A token identifies its key, so no two may be equal. The tokens themselves are never shown.
    private static Validation<Error, AuthConfig> TokensAreDistinct(AuthConfig auth) =>
        auth.Keys.Select((k, i) => (Key: k, Index: i))
            .Select(k => DuplicateOf(auth, k.Index) is { } owner
                ? Prelude.Fail<Error, Unit>(ConfigError.At(
                    $"auth.keys[{k.Index}].token",
                    $"same token as {owner}; every token must be distinct"))
                : Prelude.Success<Error, Unit>(Prelude.unit))
            .ToSeq()
            .Sequence()
            .Map(_ => auth);

    private static string? DuplicateOf(AuthConfig auth, int index)
    {
        var token = auth.Keys[index].Token;
        if (token == auth.Token)
        {
            return "auth.token";
        }

        var earlier = auth.Keys.Take(index).ToList().FindIndex(k => k.Token == token);
        return earlier < 0 ? null : $"auth.keys[{earlier}].token";
    }
}
