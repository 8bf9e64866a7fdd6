using CsCheck;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class CanonicalPathTests
{
    // Pieces an attacker strings together: separators, dot segments, single and double encodings,
    // backslashes, control characters, bad escapes and plain names.
    private static readonly string[] Pieces =
        ["/", "//", ".", "..", "%2e", "%2E", "%2f", "%2F", "%5c", "%252e", "%252E", "%252f",
         "%255c", "%25", "%", "\\", "%00", "%0d", "%0D", "%1b", "%7f", "%c2%85", "a", "v1",
         "chat", "completions", "responses", "__report", "%41", "%c3%a9", "%ff", "é", "%3f",
         "%23", " ", "~"];

    private static readonly Gen<string> Hostile =
        Gen.OneOf(Pieces).Array[0, 10].Select(p => "/" + string.Concat(p));

    private static readonly Gen<string> Targets =
        Gen.Frequency((3, Hostile), (1, RoutingGens.Path));

    private static readonly Gen<CanonicalPath> Accepted =
        Targets.Select(t => CanonicalPath.Parse(t).Path).Where(p => p is not null).Select(p => p!);

    [Fact]
    public void Parse_never_yields_a_dot_segment_an_encoded_separator_or_a_control_character() =>
        Targets.Sample(target => CanonicalPath.Parse(target).Path is not { } path || IsSafe(path));

    [Fact]
    public void Parse_of_the_escaped_form_is_the_same_path() =>
        Accepted.Sample(path =>
        {
            var again = CanonicalPath.Parse(path.Escaped).Path;
            return again is not null && again.Value == path.Value && again.Escaped == path.Escaped;
        });

    [Fact]
    public void Endpoint_of_the_path_equals_the_endpoint_the_upstream_url_is_built_for() =>
        Gen.Select(Accepted, RoutingGens.BaseUrl).Sample((path, baseUrl) =>
        {
            var route = EndpointClassifier.Classify(path);
            var url = UpstreamUrl.Build(baseUrl, route.UpstreamPath, "");
            var basePath = baseUrl.AbsolutePath.TrimEnd('/');
            var sent = url.AbsolutePath;
            if (!sent.StartsWith(basePath + "/", StringComparison.Ordinal)) return false;
            var upstream = CanonicalPath.Parse(sent[basePath.Length..]).Path;
            return upstream is not null && upstream.Equals(route.UpstreamPath)
                && EndpointClassifier.Classify(upstream).Kind == route.Kind;
        });

    [Theory]
    [InlineData("/v1/%252e%252e/x")]
    [InlineData("/v1/x/%252e%252e/chat/completions")]
    [InlineData("/v1/%2e%2e/x")]
    [InlineData("/v1/../x")]
    [InlineData("/v1/./models")]
    [InlineData("/v1/models/%0D%1b[31m")]
    [InlineData("/v1/a\\b")]
    [InlineData("/v1/a%5cb")]
    [InlineData("/v1/a%252fb")]
    [InlineData("/v1/%zz")]
    [InlineData("/v1/%ff")]
    [InlineData("*")]
    [InlineData("example.com:443")]
    [InlineData("://127.0.0.1:9/v1/models")]
    public void Parse_refuses_the_reported_attacks(string target) =>
        Assert.Null(CanonicalPath.Parse(target).Path);

    [Theory]
    [InlineData("/v1//chat/completions", "/v1/chat/completions")]
    [InlineData("//__report/summary", "/__report/summary")]
    [InlineData("http://127.0.0.1:9/v1/models?x=1", "/v1/models")]
    [InlineData("/v1/files/caf%C3%A9%20x", "/v1/files/café x")]
    [InlineData("/", "/")]
    [InlineData("http://127.0.0.1:9", "/")]
    [InlineData("http://127.0.0.1:9?x=/a", "/")]
    public void Parse_decodes_once_and_collapses_slashes(string target, string value) =>
        Assert.Equal(value, CanonicalPath.Parse(target).Path?.Value);

    // Plain pieces (taken as they are) mixed with everything that forces the full decode.
    private static readonly Gen<string> PlainOrNot = Gen.Frequency(
        (2, Gen.OneOf(["/", "//", "v1", "/v1", "v1.2", "-", "_", "~", ".", "..", "...", "a.b",
            "chat", "completions", "V1", "v11", "%41", "é", " ", "+", "@"]).Array[0, 8]
            .Select(p => "/" + string.Concat(p))),
        (1, Targets.Where(t => t.StartsWith('/'))));

    [Fact]
    public void The_plain_path_shortcut_gives_what_the_full_decode_gives() =>
        PlainOrNot.Sample(target =>
        {
            var quick = CanonicalPath.Parse(target);
            var full = CanonicalPath.ParseFully(target);
            if (quick.Path is null || full.Path is null)
                return quick.Path is null && full.Path is null && quick.Refusal == full.Refusal;
            var (a, b) = (quick.Path.WithoutVersionPrefix(), full.Path.WithoutVersionPrefix());
            return quick.Path.Value == full.Path.Value && quick.Path.Escaped == full.Path.Escaped
                && a.Value == b.Value && a.Escaped == b.Escaped;
        });

    [Theory]
    [InlineData("/v1/chat/completions", "/chat/completions")]
    [InlineData("/v1/v1/models/", "/models/")]
    [InlineData("/v1/", "/")]
    [InlineData("/v1", "/")]
    [InlineData("/v11/x", "/v11/x")]
    [InlineData("/v1.2/x", "/v1.2/x")]
    public void A_plain_path_loses_its_version_prefix(string target, string upstream)
    {
        var path = CanonicalPath.Parse(target).Path!;
        Assert.Equal(path.Value, path.Escaped);
        Assert.Equal(upstream, path.WithoutVersionPrefix().Value);
        Assert.Equal(upstream, path.WithoutVersionPrefix().Escaped);
    }

    [Theory]
    [InlineData("/%76%31", "/")]
    [InlineData("/v1/%76%31/", "/")]
    [InlineData("/%76%31/caf%C3%A9", "/café")]
    public void A_decoded_path_of_version_segments_loses_them_all(string target, string value) =>
        Assert.Equal(value, CanonicalPath.Parse(target).Path!.WithoutVersionPrefix().Value);

    [Fact]
    public void A_decoded_path_keeps_its_escaped_form_without_the_version_prefix()
    {
        var path = CanonicalPath.Parse("/v1/files/caf%C3%A9%20x").Path!;

        var actual = path.WithoutVersionPrefix();

        Assert.Equal(("/files/café x", "/files/caf%C3%A9%20x"), (actual.Value, actual.Escaped));
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/v1/models/", "/v1/models")]
    [InlineData("/v1/files/caf%C3%A9/", "/v1/files/café")]
    [InlineData("/v1/models", "/v1/models")]
    public void WithoutTrailingSlash_cuts_one_slash_and_leaves_the_root(string target, string value)
    {
        var actual = CanonicalPath.Parse(target).Path!.WithoutTrailingSlash();

        Assert.Equal(value, actual.Value);
        Assert.Equal(value == "/" ? "/" : value.Replace("é", "%C3%A9", StringComparison.Ordinal),
            actual.Escaped);
    }

    [Fact]
    public void Paths_are_equal_exactly_when_their_decoded_values_are() =>
        Gen.Select(Accepted, Accepted).Sample((a, b) =>
            a.Equals(b) == (a.Value == b.Value) && a.Equals((object)b) == (a.Value == b.Value)
            && !a.Equals(null));

    private static bool IsSafe(CanonicalPath path)
    {
        foreach (var text in new[] { path.Value, path.Escaped })
        {
            if (!text.StartsWith('/')) return false;
            if (text.Contains("//", StringComparison.Ordinal)) return false;
            if (text.Split('/').Any(s => s is "." or "..")) return false;
            if (text.Any(c => char.IsControl(c) || c == '\\')) return false;
        }
        return !new[] { "%2e", "%2f", "%5c" }.Any(e =>
            path.Value.Contains(e, StringComparison.OrdinalIgnoreCase)
            || path.Escaped.Contains(e, StringComparison.OrdinalIgnoreCase));
    }
}
