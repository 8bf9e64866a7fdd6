using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Config.Document;
using Menshen.Core.Config.Raw;
using Menshen.Core.Errors;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

/// `[server] passthrough` (helper-46): a batch or an assistant run went on to a provider with
/// its key, past a forced model and the `models` allow-list, with no usage counted.
public class PassthroughPolicyTests
{
    private static readonly Gen<string> Method = Gen.Int[0, 9].Select(i => new[]
        { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "get", "head", "post" }[i]);

    private static readonly Gen<string> Segment =
        Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-_."], 1, 12];

    private static readonly Gen<string> UpstreamPath = Gen.OneOf(
        Gen.Int[0, 8].Select(i => new[]
        {
            "/models", "/models/", "/messages/batches", "/batches", "/files", "/threads/runs",
            "/audio/speech", "/images/generations", "/modelsx",
        }[i]),
        Segment.Select(s => "/models/" + s),
        Gen.Select(Segment, Segment, (a, b) => $"/{a}/{b}"));

    private static readonly Gen<PassthroughMode> Mode = Gen.Enum<PassthroughMode>();

    private static bool IsRead(string method) =>
        method.Equals("GET", StringComparison.OrdinalIgnoreCase)
        || method.Equals("HEAD", StringComparison.OrdinalIgnoreCase);

    private static bool IsModelList(string path) =>
        path.TrimEnd('/') == "/models"
        || (path.StartsWith("/models/", StringComparison.Ordinal) && path.TrimEnd('/').Length > 8);

    [Fact]
    public void A_request_is_refused_exactly_when_the_mode_does_not_cover_it() =>
        Gen.Select(Mode, Method, UpstreamPath, Gen.Bool, Gen.Bool)
            .Sample((mode, method, path, body, overrides) =>
        {
            // helper-49: a GET with a body or an X-HTTP-Method-Override is a POST to an
            // upstream that honours either.
            var read = IsRead(method) && !body && !overrides;
            var expectedAllowed = mode switch
            {
                PassthroughMode.All => true,
                PassthroughMode.Read => read,
                _ => read && IsModelList(path),
            };
            var refusal = PassthroughPolicy.Refusal(mode, method, path, "/v1" + path, body,
                overrides);
            return expectedAllowed ? refusal is null : refusal is { Kind: GatewayErrorKind.Forbidden };
        });

    [Fact]
    public void The_refusal_names_the_request_and_the_setting_that_refused_it()
    {
        var refusal = PassthroughPolicy.Refusal(PassthroughMode.Read, "POST",
            "/messages/batches", "/v1/messages/batches");
        Assert.Equal("This gateway does not pass 'POST /v1/messages/batches' on to a provider: "
            + "beside the endpoints it understands, it passes only reads (GET, HEAD, without a "
            + "body or a method override) ([server] passthrough = \"read\").", refusal?.Message);
        var models = PassthroughPolicy.Refusal(PassthroughMode.Models, "GET", "/files",
            "/v1/files");
        Assert.Contains("only the model list (GET /v1/models, without a body or a method "
            + "override) ([server] passthrough = \"models\")",
            models?.Message, StringComparison.Ordinal);
    }

    // helper-50: servers that map `_` to `-` take `X_HTTP_Method_Override` too.
    [Theory]
    [InlineData("X-HTTP-Method-Override", true)]
    [InlineData("x-http-method-override", true)]
    [InlineData("X_HTTP_Method_Override", true)]
    [InlineData("X-HTTP-Method", true)]
    [InlineData("x_method_override", true)]
    [InlineData("X-HTTP-Methods", false)]
    [InlineData("X-Method", false)]
    [InlineData("Content-Type", false)]
    [InlineData("Authorization", false)]
    [InlineData("X-Request-Id-Override", false)]
    public void Method_override_headers_are_known_in_any_case_and_with_underscores(string name,
        bool expected) =>
        Assert.Equal(expected, PassthroughPolicy.IsMethodOverride(name));

    [Theory]
    [InlineData(null, PassthroughMode.All)]
    [InlineData("all", PassthroughMode.All)]
    [InlineData("read", PassthroughMode.Read)]
    [InlineData("models", PassthroughMode.Models)]
    public void The_setting_is_read_from_the_server_table(string? value, PassthroughMode expected)
    {
        var document = ConfigDocuments.FromRaw(TestConfigs.Minimal);
        if (value is not null)
            document = ConfigDocuments.Set(document, "server", "passthrough",
                new ConfigString(value));
        var config = ConfigPipeline.FromDocument(document, TestConfigs.NoEnv)
            .Match(c => c, e => throw new InvalidOperationException(string.Join("; ", e)));
        Assert.Equal(expected, config.Server.Passthrough);
    }

    [Fact]
    public void Every_mode_parses_back_from_its_name() =>
        Assert.All(Enum.GetValues<PassthroughMode>(), mode =>
            Assert.Equal(mode, PassthroughModes.Parse(PassthroughModes.Name(mode))));

    [Fact]
    public void Another_value_is_an_error_that_lists_the_three()
    {
        var raw = TestConfigs.Minimal with
        {
            Server = RawServer.Empty with { Passthrough = "none" },
        };
        Assert.Equal(["server.passthrough: expected \"all\", \"read\" (GET and HEAD only) or "
            + "\"models\" (the model list only), got 'none'"], TestConfigs.Errors(raw));
    }

    [Fact]
    public void A_reload_applies_a_new_setting_at_once()
    {
        var running = TestConfigs.Valid(TestConfigs.Minimal);
        var loaded = running with
        {
            Server = running.Server with { Passthrough = PassthroughMode.Models },
        };
        Assert.Empty(RestartKeys.Changed(running, loaded));
        Assert.Equal(PassthroughMode.Models,
            RestartKeys.Applied(running, loaded).Server.Passthrough);
    }

    [Theory]
    [InlineData(PassthroughMode.All, "shutdown grace 30s\n")]
    [InlineData(PassthroughMode.Read,
        "shutdown grace 30s; passthrough: reads only (GET, HEAD; no body or method override)\n")]
    [InlineData(PassthroughMode.Models, "shutdown grace 30s; passthrough: the model list only\n")]
    public void Check_config_says_what_passes_through(PassthroughMode mode, string expected)
    {
        var config = TestConfigs.Valid(TestConfigs.Minimal);
        config = config with { Server = config.Server with { Passthrough = mode } };
        Assert.Contains(expected, ConfigSummary.Render(config, "c.toml"),
            StringComparison.Ordinal);
    }
}
