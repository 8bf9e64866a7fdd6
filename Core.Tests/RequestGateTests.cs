using System.Collections.Immutable;
using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Errors;
using Menshen.Core.Gate;
using Menshen.Core.Http;

namespace Menshen.Core.Tests;

public class RequestGateTests
{
    private static readonly Gen<string> Label =
        Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-"], 1, 8];

    private static readonly Gen<string> Port =
        Gen.OneOf(Gen.Const(""), Gen.Int[1, 65535].Select(p => $":{p}"));

    private static readonly Gen<string> LoopbackName = Gen.OneOf(
        Gen.Const("localhost"), Gen.Const("LocalHost"), Gen.Const("[::1]"),
        Label.Select(l => l + ".localhost"),
        Gen.Select(Gen.Int[0, 255], Gen.Int[0, 255], Gen.Int[0, 255],
            (a, b, c) => $"127.{a}.{b}.{c}"));

    // Names a rebinding attack would use: anything that is not loopback, some made to look like it.
    private static readonly Gen<string> ForeignName = Gen.OneOf(
        Gen.Select(Label, Label, (a, b) => $"{a}.{b}"),
        Label.Select(l => $"localhost.{l}.com"),
        Label.Select(l => $"127.0.0.1.{l}.io"),
        Gen.Select(Gen.Int[128, 255], Gen.Int[0, 255], (a, b) => $"{a}.0.0.{b}"),
        Gen.Const("[::2]"), Gen.Const("0.0.0.0"), Gen.Const("127.1"));

    private static readonly Gen<ImmutableArray<string>> Allowed =
        Gen.Select(Label, Label, (a, b) => $"{a}.{b}").Array[0, 3]
            .Select(a => a.ToImmutableArray());

    [Fact]
    public void Loopback_listen_accepts_loopback_names_with_any_port() =>
        Gen.Select(LoopbackName, Port, Allowed).Sample((name, port, allowed) =>
            HostCheck.Allows(name + port, loopbackListen: true, allowed));

    [Fact]
    public void Loopback_listen_refuses_every_other_name_unless_listed() =>
        Gen.Select(ForeignName, Port, Allowed).Sample((name, port, allowed) =>
            HostCheck.Allows(name + port, loopbackListen: true, allowed) == allowed.Contains(name));

    [Fact]
    public void Listed_names_are_accepted_in_any_case_with_any_port() =>
        Gen.Select(Allowed.Where(a => a.Length > 0), Port, Gen.Bool)
            .Sample((allowed, port, loopback) =>
            HostCheck.Allows(allowed[0].ToUpperInvariant() + port, loopback, allowed));

    [Fact]
    public void The_listen_name_is_accepted_in_any_case_and_no_other_foreign_name() =>
        Gen.Select(Label, Label, ForeignName, Port).Sample((a, b, other, port) =>
        {
            var listenName = $"{a}.{b}";
            return HostCheck.Allows(listenName.ToUpperInvariant() + port, true, [], listenName)
                && HostCheck.Allows(other + port, true, [], listenName) == (other == listenName);
        });

    [Fact]
    public void Beyond_loopback_without_a_list_any_host_is_accepted() =>
        Gen.OneOf(ForeignName, LoopbackName).Sample(name =>
            HostCheck.Allows(name, loopbackListen: false, []));

    private static readonly Gen<string> Origin = Gen.Select(
        Gen.OneOf(Gen.Const("http"), Gen.Const("https")),
        Gen.OneOf(ForeignName, LoopbackName),
        Port,
        (scheme, host, port) => $"{scheme}://{host}{port}");

    [Fact]
    public void Origin_is_refused_unless_it_is_the_request_own_or_listed() =>
        Gen.Select(Origin, Origin, Origin.Array[0, 3]).Sample((origin, own, listed) =>
        {
            var host = own[(own.IndexOf("://", StringComparison.Ordinal) + 3)..];
            var scheme = own[..own.IndexOf(':', StringComparison.Ordinal)];
            var verdict = OriginCheck.Decide(origin, scheme, host, [.. listed]);
            var expected = Same(origin, own) ? OriginVerdict.SameOrigin
                : listed.Any(l => Same(l, origin)) ? OriginVerdict.Listed
                : OriginVerdict.Refused;
            return verdict == expected;
        });

    [Theory]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("file://")]
    [InlineData("http://evil.example/path")]
    [InlineData("http://user@127.0.0.1:8080")]
    [InlineData("http://127.0.0.1:8080, http://evil.example")]
    public void Odd_origins_are_refused_even_when_listed(string origin) =>
        Assert.Equal(OriginVerdict.Refused,
            OriginCheck.Decide(origin, "http", "127.0.0.1:8080", [origin]));

    [Fact]
    public void Gate_refuses_methods_outside_the_list_with_405() =>
        Gen.OneOf(Gen.OneOf(["TRACE", "TRACK", "CONNECT", "get", "PROPFIND", "DEBUG"]),
                Gen.String[Gen.Char['A', 'Z'], 1, 8])
            .Where(m => !MethodPolicy.IsProxied(m))
            .Sample(method =>
                Kind(Request() with { Method = method }) == GatewayErrorKind.MethodNotAllowed);

    [Fact]
    public void Gate_answers_a_websocket_upgrade_with_426() =>
        Assert.Equal(
            GatewayErrorKind.UpgradeRequired, Kind(Request() with { Upgrade = "WebSocket" }));

    [Fact]
    public void Gate_serves_an_h2c_upgrade_as_plain_http() =>
        Assert.Equal(GateAction.Proceed, Decide(Request() with { Upgrade = "h2c" }).Action);

    [Fact]
    public void Gate_refuses_a_foreign_origin_with_403_naming_the_key() =>
        Origin.Where(o => !o.Contains("127.0.0.1:8080", StringComparison.Ordinal)).Sample(origin =>
        {
            var verdict = Decide(Request() with { Origin = origin });
            return verdict.Error?.Kind == GatewayErrorKind.Forbidden
                && verdict.Error.Message.Contains("cors_origins", StringComparison.Ordinal)
                && verdict.RefusedValue == origin;
        });

    [Fact]
    public void Gate_answers_a_preflight_of_a_listed_origin_itself()
    {
        var server = Server with { CorsOrigins = ["http://localhost:3000"] };
        var request = Request() with
        {
            Method = "OPTIONS",
            Origin = "http://localhost:3000",
            IsPreflight = true,
        };

        var verdict = RequestGate.Decide(request, server, loopbackListen: true);

        Assert.Equal(
            (GateAction.Preflight, "http://localhost:3000"), (verdict.Action, verdict.AllowOrigin));
    }

    [Fact]
    public void Gate_names_a_header_it_cannot_forward() =>
        Assert.Contains("X-Title",
            Decide(Request() with { UnforwardableHeader = "X-Title" }).Error!.Message,
            StringComparison.Ordinal);

    private static readonly Gen<string> ProxiedPath = Gen.OneOf(Gen.OneOf([
            "/v1/chat/completions", "/v1/files/f/content", "/v1/models", "/anything"]),
        Gen.String[Gen.Char['a', 'z'], 1, 12].Select(s => "/v1/" + s));

    private static readonly Gen<string> LocalPath =
        Gen.OneOf(["/", "/index.html", "/healthz", "/metrics", "/__report/summary",
            "/assets/app.js", "/favicon.ico", "/robots.txt"]);

    // A page on another site navigating to (or loading) a proxied path carries no Origin; its
    // answer (an upstream's HTML) would run on the gateway's origin, beside the report API.
    [Fact]
    public void Gate_refuses_a_browser_request_from_another_site_to_a_proxied_path() =>
        Gen.Select(ProxiedPath, Gen.OneOf(["cross-site", "same-site", "Cross-Site"]),
                Gen.OneOf(["GET", "POST", "HEAD"]))
            .Sample((path, site, method) =>
            {
                var verdict = Decide(Request() with
                {
                    Method = method,
                    RawTarget = path,
                    FetchSite = site,
                });
                return verdict.Error?.Kind == GatewayErrorKind.Forbidden
                    && verdict.Error.Message.Contains("cors_origins", StringComparison.Ordinal);
            });

    [Fact]
    public void Gate_lets_a_listed_origin_on_another_site_through() =>
        ProxiedPath.Sample(path =>
        {
            var server = Server with { CorsOrigins = ["http://localhost:3000"] };
            var request = Request() with
            {
                RawTarget = path,
                Origin = "http://localhost:3000",
                FetchSite = "same-site",
            };
            return RequestGate.Decide(request, server, loopbackListen: true).Action
                == GateAction.Proceed;
        });

    [Fact]
    public void Gate_lets_the_user_s_own_browser_requests_and_every_other_client_through() =>
        Gen.Select(ProxiedPath, Gen.OneOf<string?>(["none", "same-origin", null, ""]))
            .Sample((path, site) =>
                Decide(Request() with { RawTarget = path, FetchSite = site }).Action
                    == GateAction.Proceed);

    // Local routes forward nothing: a header no upstream may get (a UTF-8 cookie another local
    // app set) or a link from another site must not lock the user out of the dashboard.
    [Fact]
    public void Gate_serves_local_routes_whatever_their_header_values_or_referring_site() =>
        Gen.Select(LocalPath, Gen.OneOf<string?>(["cross-site", "same-site", null]))
            .Sample((path, site) =>
                Decide(Request() with
                {
                    Method = "GET",
                    RawTarget = path,
                    FetchSite = site,
                    UnforwardableHeader = "Cookie",
                }).Action == GateAction.Proceed);

    // A refused request's row keeps its path, never its query (a key may ride in it).
    [Fact]
    public void A_refused_path_is_recorded_without_its_query() =>
        Gen.Select(Gen.String[Gen.Char['a', 'z'], 1, 12], Gen.String.AlphaNumeric)
            .Sample((segment, query) =>
            {
                var raw = $"/v1/%2e%2e/{segment}?api_key={query}";
                var verdict = Decide(Request() with { RawTarget = raw });
                return verdict.Action == GateAction.Refuse
                    && RequestGate.RecordedPath(verdict, raw) == $"/v1/%2e%2e/{segment}";
            });

    private static readonly string[] Understood =
        ["/v1/chat/completions", "/v1/completions", "/v1/responses", "/v1/embeddings",
            "/v1/messages", "/chat/completions", "/v1/v1/messages"];

    // helper-41: an upstream that matches paths without case, or drops `;` parameters, would
    // serve these as the endpoint, and the gateway had passed them through: no model routing,
    // no forced model, no usage counted.
    [Fact]
    public void A_path_that_looks_like_an_understood_endpoint_is_refused_naming_it() =>
        Gen.Select(Gen.OneOf(Understood.Select(Gen.Const).ToArray()), Gen.Int[0, 2],
                Gen.Int[0, int.MaxValue])
            .Sample((path, how, seed) =>
            {
                var random = new Random(seed);
                var variant = how switch
                {
                    0 => new string([.. path.Select(c => random.Next(2) == 0
                        ? char.ToUpperInvariant(c) : c)]),
                    1 => path + ";x=" + random.Next(100),
                    _ => path + "%20",
                };
                var verdict = Decide(Request() with { RawTarget = variant });
                return variant.Equals(path, StringComparison.Ordinal)
                    ? verdict.Action == GateAction.Proceed
                    : verdict.Error is { Kind: GatewayErrorKind.BadRequest } error
                        && error.Message.Contains($"send {path}", StringComparison.Ordinal);
            });

    // helper-44: letters that fold to ASCII in a case-blind compare (Java's equalsIgnoreCase
    // takes the long s for S and the dotless i for I), a trailing dot (IIS drops it), and an
    // escape left after the one decode (a server that decodes twice).
    [Theory]
    [InlineData("/v1/me%C5%BF%C5%BFages", "/v1/messages")]
    [InlineData("/v1/chat/complet%C4%B1ons", "/v1/chat/completions")]
    [InlineData("/v1/chat/completions.", "/v1/chat/completions")]
    [InlineData("/v1/chat/completions%2520", "/v1/chat/completions")]
    [InlineData("/v1/count_to%E2%84%AAens", null)]
    // helper-62: fullwidth letters and slashes (NFKC), a zero-width space, a second escape of a
    // letter, and a fullwidth dot segment, which only a folding server would climb.
    [InlineData("/v1/%EF%BD%83hat/completions", "/v1/chat/completions")]
    [InlineData("/v1/chat%EF%BC%8Fcompletions", "/v1/chat/completions")]
    [InlineData("/v1/chat/completions%E2%80%8B", "/v1/chat/completions")]
    [InlineData("/v1/chat/completion%2573", "/v1/chat/completions")]
    [InlineData("/v1/files/%EF%BC%8E%EF%BC%8E/chat/completions", "/v1/chat/completions")]
    [InlineData("/v1/files/%EF%BC%8E%EF%BC%8E/%EF%BC%8E%EF%BC%8E/admin", "/admin")]
    // helper-64: a fullwidth dot segment that stays below base_url's path is a name.
    [InlineData("/v1/files/a/%EF%BC%8E%EF%BC%8E", null)]
    [InlineData("/v1/files/%EF%BC%8E", null)]
    [InlineData("/v1/vector_stores/vs_1/files/%EF%BC%8E%EF%BC%8E", null)]
    // Mutation testing (helper-90): a dot segment at the root or at the end, a climb through a
    // `.`, a `..` one level down, a path without `/v1`, a dot ending an inner segment, a bare
    // `;` parameter, and an understood path that only has a trailing slash.
    [InlineData("/%EF%BC%8E%EF%BC%8E/v1/chat/completions", "/v1/chat/completions")]
    [InlineData("/v1/chat/completions/%EF%BC%8E", "/v1/chat/completions")]
    [InlineData("/v1/files/%EF%BC%8E/%EF%BC%8E%EF%BC%8E/%EF%BC%8E%EF%BC%8E/admin", "/admin")]
    [InlineData("/v1/files/%EF%BC%8E%EF%BC%8E/admin", null)]
    [InlineData("/files/%EF%BC%8E%EF%BC%8E/admin", null)]
    [InlineData("/v1/chat./completions", "/v1/chat/completions")]
    [InlineData("/v1/chat/completions/;x", "/v1/chat/completions")]
    [InlineData("/v1/chat/completions/", null)]
    public void A_lookalike_by_folding_a_dot_or_a_second_escape_is_refused(
        string raw, string? meant)
    {
        var verdict = Decide(Request() with { RawTarget = raw });

        if (meant is null) Assert.Equal(GateAction.Proceed, verdict.Action);
        else Assert.Contains($"send {meant}", verdict.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_path_is_recorded_cut_to_its_first_256_units() =>
        Gen.Select(Gen.OneOf(Gen.Const("a"), Gen.Const("Z-0"), Gen.Const("%C3%A9"),
                Gen.Const("%F0%9F%98%80")).Array[0, 300], Gen.Bool)
            .Sample((parts, crossSite) =>
            {
                var raw = "/v1/x/" + string.Concat(parts);
                var request = Request() with
                {
                    RawTarget = raw + "?key=sk-secret",
                    FetchSite = crossSite ? "cross-site" : null,
                    Host = crossSite ? "127.0.0.1:8080" : "evil.example",
                };
                var recorded = RequestGate.RecordedPath(Decide(request), request.RawTarget);

                return recorded.Length <= RequestGate.MaxRecordedPath + 1
                    && !recorded.Contains("sk-secret", StringComparison.Ordinal)
                    && (recorded.Length <= RequestGate.MaxRecordedPath
                        || recorded.EndsWith('…'))
                    && !char.IsHighSurrogate(recorded[^1]);
            });

    [Theory]
    [InlineData("/v1/files")]
    [InlineData("/v1/files;x")]
    [InlineData("/v1/files/file-%C3%A9t%C3%A9.txt")]
    [InlineData("/v1/files/a%2520b")]
    [InlineData("/v1/Models")]
    [InlineData("/v1/chat/completions")]
    [InlineData("/v1/threads/thread_ABC/messages")]
    public void Other_paths_are_not_taken_for_an_endpoint(string path) =>
        Assert.Equal(GateAction.Proceed, Decide(Request() with { RawTarget = path }).Action);

    private static readonly ServerConfig Server =
        new(1024, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));

    private static GateRequest Request() =>
        new("POST", "/v1/chat/completions", "http", "127.0.0.1:8080", null, null, false);

    private static GateVerdict Decide(GateRequest request) =>
        RequestGate.Decide(request, Server, true);

    private static GatewayErrorKind? Kind(GateRequest request) => Decide(request).Error?.Kind;

    private static bool Same(string a, string b) =>
        OriginCheck.Normalize(a) is { } x && x == OriginCheck.Normalize(b);

    // Mutation testing (helper-93): a target that is only a query keeps none of it, and one
    // without a query is kept whole.
    [Theory]
    [InlineData("?api_key=sk-secret", "")]
    [InlineData("/v1/%2e%2e/x", "/v1/%2e%2e/x")]
    [InlineData("/v1/%2e%2e/x?", "/v1/%2e%2e/x")]
    public void A_refused_target_is_recorded_up_to_its_query(string raw, string expected) =>
        Assert.Equal(expected, RequestGate.RecordedPath(
            GateVerdict.Refuse(GatewayErrorKind.BadRequest, "refused"), raw));

    [Fact]
    public void Cut_keeps_a_path_of_exactly_the_limit_and_marks_a_longer_one()
    {
        var limit = new string('a', RequestGate.MaxRecordedPath);
        var pair = new string('a', RequestGate.MaxRecordedPath - 1) + "😀";

        Assert.Equal(limit, RequestGate.Cut(limit));
        Assert.Equal(limit + "…", RequestGate.Cut(limit + "b"));
        Assert.Equal(pair[..^2] + "…", RequestGate.Cut(pair));
    }

    [Fact]
    public void A_cross_site_refusal_names_the_site_it_came_from() =>
        Assert.Equal("Sec-Fetch-Site: cross-site",
            Decide(Request() with { FetchSite = "cross-site" }).RefusedValue);

    [Fact]
    public void A_preflight_without_an_origin_goes_on_as_a_request() =>
        Assert.Equal(GateAction.Proceed, Decide(Request() with { IsPreflight = true }).Action);
}
