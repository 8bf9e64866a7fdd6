using Menshen.Core.Config;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Tests;

public class AuthValidationTests
{
    [Fact]
    public void Validate_enabled_auth_requires_user_password_and_token()
    {
        var raw = TestConfigs.Minimal with { Auth = RawAuth.Empty with { Enable = true } };

        var actual = TestConfigs.Errors(raw);

        Assert.Equal(
            [
                "auth.user: required; expected a user name for the dashboard when auth.enable = true",
                "auth.password: required; expected a dashboard password when auth.enable = true",
                "auth.token: required; expected an API token for clients when auth.enable = true",
            ],
            actual);
    }

    // helper-46: -gen-config's `${MENSHEN_PASSWORD:-change-me}` and `${MENSHEN_TOKEN:-…}`
    // became the live credentials when auth was turned on without the variables, unwarned.
    [Fact]
    public void Validate_refuses_the_example_configs_placeholder_credentials()
    {
        var raw = TestConfigs.Minimal with
        {
            Auth = new RawAuth(true, "admin", "${MENSHEN_PASSWORD:-change-me}",
                "${MENSHEN_TOKEN:-sk-menshen-change-me}", []),
        };

        var actual = TestConfigs.Errors(raw);

        Assert.Equal(
            [
                "auth.password: is an example config's placeholder, known to anyone who has "
                    + "read it; set MENSHEN_PASSWORD or write a password of your own",
                "auth.token: is an example config's placeholder, known to anyone who has "
                    + "read it; set MENSHEN_TOKEN or write a token of your own",
            ],
            actual);
        var set = new Dictionary<string, string>
        {
            ["MENSHEN_PASSWORD"] = "s3cret-pw",
            ["MENSHEN_TOKEN"] = "sk-team-1",
        };
        Assert.Equal("sk-team-1", TestConfigs.Valid(raw, set).Auth.Token);
    }

    // helper-49: either placeholder in any credential (swapped, or a client key's token).
    [Fact]
    public void Validate_refuses_either_placeholder_in_every_credential()
    {
        var raw = TestConfigs.Minimal with
        {
            Auth = new RawAuth(true, "admin", "sk-menshen-change-me", "change-me",
                [new("laptop", "sk-menshen-change-me"), new("ok", "tok-ok")]),
        };

        var actual = TestConfigs.Errors(raw);

        Assert.Equal(["auth.password", "auth.token", "auth.keys[0].token"],
            actual.Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]));
        Assert.All(actual, e => Assert.Contains("placeholder", e, StringComparison.Ordinal));
    }

    // helper-65: ai-menshen's own example (`your-password-here`, `sk-your-proxy-token`) with
    // `enable = true` passed: its token is published with that project, and its listen is `:8080`.
    [Fact]
    public void Validate_refuses_ai_menshens_example_placeholders_too()
    {
        var raw = TestConfigs.Minimal with
        {
            Auth = new RawAuth(true, "admin", "your-password-here", "sk-your-proxy-token",
                [new("laptop", "sk-your-proxy-token")]),
        };

        var actual = TestConfigs.Errors(raw);

        Assert.Equal(["auth.password", "auth.token", "auth.keys[0].token"],
            actual.Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]));
        Assert.All(actual, e => Assert.Contains("placeholder", e, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_disabled_auth_ignores_placeholders()
    {
        var raw = TestConfigs.Minimal with { Auth = new RawAuth(false, "", "${UNSET}", null, [RawClientKey.Empty]) };

        var actual = TestConfigs.Valid(raw).Auth;

        Assert.Equal(AuthConfig.Disabled, actual);
    }

    [Fact]
    public void Validate_client_keys_are_expanded_and_kept_in_order()
    {
        var raw = TestConfigs.Minimal with
        {
            Auth = new RawAuth(true, "admin", "pw", "${MAIN}", [new("alice", "tok-a"), new("bob", "${BOB}")]),
        };

        var actual = TestConfigs.Valid(raw, new Dictionary<string, string> { ["MAIN"] = "tok-main", ["BOB"] = "tok-b" }).Auth;

        Assert.Equal("tok-main", actual.Token);
        Assert.Equal([new ClientKey("alice", "tok-a"), new ClientKey("bob", "tok-b")], actual.Keys.ToArray());
    }

    // HTTP drops the blanks around a header value: such a token could never authenticate.
    [Theory]
    [InlineData(" tok-main")]
    [InlineData("tok-main ")]
    [InlineData("tok-main\t")]
    public void Validate_a_token_with_surrounding_blanks_is_refused_without_its_value(
        string token)
    {
        var raw = TestConfigs.Minimal with
        {
            Auth = new RawAuth(true, "admin", "pw", "${MAIN}", [new("alice", token)]),
        };

        var actual = TestConfigs.Errors(
            raw, new Dictionary<string, string> { ["MAIN"] = token });

        Assert.Equal(2, actual.Count(e => e.Contains("blank", StringComparison.Ordinal)));
        Assert.Contains(actual, e => e.StartsWith("auth.token: ", StringComparison.Ordinal));
        Assert.Contains(actual, e => e.StartsWith("auth.keys[0].token: ", StringComparison.Ordinal));
        Assert.DoesNotContain(actual, e => e.Contains("tok-main", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_repeated_tokens_are_named_without_their_value()
    {
        var raw = TestConfigs.Minimal with
        {
            Auth = new RawAuth(true, "admin", "pw", "tok-main-secret", [new("alice", "tok-main-secret"), new("bob", "tok-b"), new("carol", "tok-b")]),
        };

        var actual = TestConfigs.Errors(raw);

        Assert.Equal(
            [
                "auth.keys[0].token: same token as auth.token; every token must be distinct",
                "auth.keys[2].token: same token as auth.keys[1].token; every token must be distinct",
            ],
            actual);
    }

    [Fact]
    public void Validate_client_key_names_are_required_and_unique()
    {
        var raw = TestConfigs.Minimal with
        {
            Auth = new RawAuth(true, "admin", "pw", "tok", [new("alice", "t1"), new("", "t2"), new("alice", "t3")]),
        };

        var actual = TestConfigs.Errors(raw);

        Assert.Equal(
            [
                "auth.keys[1].name: required; expected a name to record with each request",
                "auth.keys[2].name: duplicate name 'alice', already used by auth.keys[0].name; names must be unique",
            ],
            actual);
    }

    // A token with a line break can never match what a client sends in a header; a password
    // is compared, never sent, so only control characters are refused (any letter works).
    [Fact]
    public void Validate_a_token_or_password_with_a_line_break_is_an_error()
    {
        var raw = TestConfigs.Minimal with
        {
            Auth = new RawAuth(true, "admin", "pw\r", "tok-main\n", [new("alice", "tok\r\na")]),
        };

        var actual = TestConfigs.Errors(raw);

        Assert.Equal(["auth.password", "auth.token", "auth.keys[0].token"],
            actual.Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]));
        Assert.All(actual, e => Assert.Contains("line break", e, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_a_password_may_hold_any_letter()
    {
        var raw = TestConfigs.Minimal with { Auth = new RawAuth(true, "admin", "Pässwort密码", "tok", []) };

        Assert.Equal("Pässwort密码", TestConfigs.Valid(raw).Auth.Password);
    }

    // `default` is the name of [auth] token: a key so named shared its audit name and its cache.
    [Fact]
    public void Validate_a_key_named_default_is_an_error()
    {
        var raw = TestConfigs.Minimal with { Auth = new RawAuth(true, "admin", "pw", "tok", [new("default", "tok-d")]) };

        var actual = Assert.Single(TestConfigs.Errors(raw));

        Assert.StartsWith("auth.keys[0].name: 'default' is the name of [auth] token", actual, StringComparison.Ordinal);
    }
}
